using Drydock.DotNet;
using Drydock.Engine.Output;
using Drydock.Engine.Targets;

partial class Build
{
    string Solution => Path.Combine(RootDirectory, "Drydock.slnx");
    string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    Target Clean => _ => _
        .Description("Delete artifacts/ and every project's bin/ and obj/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var dir in new[] { "src", "tests" }.SelectMany(d => Directory.EnumerateDirectories(Path.Combine(RootDirectory, d))))
            foreach (var output in new[] { "bin", "obj" }.Select(o => Path.Combine(dir, o)).Where(Directory.Exists))
                Directory.Delete(output, recursive: true);
            if (Directory.Exists(ArtifactsDirectory))
                Directory.Delete(ArtifactsDirectory, recursive: true);
        });

    Target Restore => _ => _
        .Description("Restore NuGet packages")
        .Executes(ct => Tools.RunAsync(DotNetCommands.Restore(Solution), ct));

    Target Compile => _ => _
        .Description("Build every project, warnings as errors")
        .DependsOn(Restore)
        .Executes(ct => Tools.RunAsync(DotNetCommands.Build(Solution, Configuration.ToString()), ct));

    Target Test => _ => _
        .Description("Fast suites: engine, libraries and service (seconds, no Docker)")
        .DependsOn(Compile)
        .Executes(ct => RunTests(".Tests", ct));

    Target IntegrationTest => _ => _
        .Description("Docker-backed suites against a real engine and registry")
        .DependsOn(Compile)
        .After(Test)
        .Executes(ct => RunTests(".IntegrationTests", ct));

    /// <summary>Runs every test project of the solution whose name ends with the suffix, all of them even if one fails, then states the totals.</summary>
    async Task RunTests(string suffix, CancellationToken cancellationToken)
    {
        var projects = SolutionFile.Projects(Solution).Where(p => Path.GetFileNameWithoutExtension(p).EndsWith(suffix, StringComparison.Ordinal)).ToList();
        if (projects.Count == 0)
            throw new InvalidOperationException($"{Path.GetFileName(Solution)} has no project whose name ends with {suffix}: nothing would be tested.");
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
