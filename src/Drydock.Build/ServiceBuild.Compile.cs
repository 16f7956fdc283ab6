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
    string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

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

    /// <summary>Runs every test project of the solution whose name ends with the suffix, all of them even if one fails, then states the totals.</summary>
    async Task RunTests(string suffix, CancellationToken cancellationToken)
    {
        var projects = (Solution is { } solution ? SolutionFile.Projects(solution) : [])
            .Where(p => Path.GetFileNameWithoutExtension(p).EndsWith(suffix, StringComparison.Ordinal)).ToList();
        var where = Solution is null ? "There is no solution at the root, so" : $"{Path.GetFileName(Solution)} has";
        if (projects.Count == 0 && RequireTests)
            throw new InvalidOperationException($"{where} no project whose name ends with {suffix}: nothing would be tested.");
        if (projects.Count == 0)
        {
            Log.Warning($"{where} no project whose name ends with {suffix}: nothing tested. Add one to the solution and Test runs it.");
            return;
        }
        Directory.CreateDirectory(TestResultsDirectory);

        var total = new TestResults(0, 0, 0);
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var trx = Path.Combine(TestResultsDirectory, name + ".trx");
            File.Delete(trx);
            await Tools.RunAsync(DotNetCommands.Test(project, Configuration.ToString(), TestResultsDirectory, name + ".trx") with { ThrowOnError = false }, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var results = File.Exists(trx) ? TestResults.FromTrx(trx) : throw new InvalidOperationException($"{name} wrote no test results: see its output above.");
            Log.Information($"{name}: {results}");
            total += results;
        }
        Log.Information(total.ToString());
        if (total.Failed > 0 || total.Passed == 0)
            throw new InvalidOperationException(total.Passed == 0 ? "No test ran." : $"{total.Failed} test(s) failed.");
    }
}
