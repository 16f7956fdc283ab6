using Drydock.DotNet;
using Drydock.Engine.Output;
using Drydock.Engine.Targets;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    /// <summary>What Restore and Compile build and where Test finds its test projects: the root's one .slnx or .sln, else null (then the service project alone).</summary>
    protected virtual string? Solution => SolutionFile.AtRoot(RootDirectory);

    /// <summary>Whether a solution without test projects fails Test. A new service may have none yet; Drydock's own build says true.</summary>
    protected virtual bool RequireTests => false;

    /// <summary>What Restore and Compile run on: the solution, else the service project.</summary>
    string BuildTarget => Solution ?? Path.Combine(RootDirectory, Project ?? throw NoProject());

    public Target Clean => _ => _
        .Description("Delete artifacts/ and every project's bin/ and obj/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var dir in new[] { "src", "tests" }.Select(d => Path.Combine(RootDirectory, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateDirectories))
            foreach (var output in new[] { "bin", "obj" }.Select(o => Path.Combine(dir, o)).Where(Directory.Exists))
                Directory.Delete(output, recursive: true);
            if (Directory.Exists(ArtifactsDirectory))
                Directory.Delete(ArtifactsDirectory, recursive: true);
        });

    public Target Restore => _ => _
        .Description("Restore NuGet packages")
        .Executes(ct => Tools.RunAsync(DotNetCommands.Restore(BuildTarget), ct));

    public Target Compile => _ => _
        .Description("Build every project, warnings as errors")
        .DependsOn(Restore)
        .Executes(ct => Tools.RunAsync(DotNetCommands.Build(BuildTarget, Configuration.ToString()), ct));

    public Target Test => _ => _
        .Description("Fast suites: engine, libraries and service (seconds, no Docker)")
        .DependsOn(Compile)
        .Executes(ct => RunTests(".Tests", ct));

    public Target IntegrationTest => _ => _
        .Description("Docker-backed suites against a real engine and registry")
        .DependsOn(Compile)
        .After(Test)
        .Executes(ct => RunTests(".IntegrationTests", ct));
}
