using System.Diagnostics;
using Drydock.Build.Lanes;
using Drydock.DotNet;
using Drydock.Engine.Output;
using Drydock.Engine.Parameters;

namespace Drydock.Build;

public abstract partial class ServiceBuild
{
    [Parameter("How many test projects Test and IntegrationTest run at once, longest first (default: 1, one after the other, unless the build sets DefaultTestLanes: Drydock's own sets 2)")]
    protected readonly int? TestLanes;

    /// <summary>Lanes when --test-lanes is not given. Suites that mostly wait (health checks, drains, SSH) gain from more.</summary>
    protected virtual int DefaultTestLanes => 1;

    /// <summary>Test project names known to be slow, slowest first: the queue's order until results of a run here say better.</summary>
    protected virtual IReadOnlyList<string> SlowestTestProjectsFirst => [];

    string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    /// <summary>
    /// Runs every test project of the solution whose name ends with the suffix, in lanes (see <see cref="TestLanePlan"/>),
    /// all of them even if one fails, then states the totals.
    /// </summary>
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

        var lastDurations = projects.Select(p => Path.GetFileNameWithoutExtension(p))
            .Select(name => (name, duration: TestResults.DurationOf(TrxOf(name))))
            .Where(d => d.duration is not null)
            .ToDictionary(d => d.name, d => d.duration!.Value, StringComparer.Ordinal);
        var plan = TestLanePlan.Decide(projects, suffix, TestLanes ?? DefaultTestLanes, lastDurations, SlowestTestProjectsFirst);
        Log.Information(plan.Describe());

        var outcomes = new SuiteOutcome?[plan.Queue.Count];
        var next = -1;
        async Task LaneAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < plan.Queue.Count; i = Interlocked.Increment(ref next))
                outcomes[i] = await RunSuiteAsync(plan, plan.Queue[i], cancellationToken);
        }
        await Task.WhenAll(Enumerable.Range(0, plan.Lanes).Select(_ => Task.Run(LaneAsync, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        var done = outcomes.Select(o => o!).ToList();
        if (plan.Lanes > 1)
            foreach (var outcome in done)
                Log.Information($"{outcome.Suite.Name}: {outcome.Describe()}");
        var total = done.Select(o => o.Results).OfType<TestResults>().Aggregate(new TestResults(0, 0, 0), (sum, r) => sum + r);
        Log.Information(total.ToString());
        foreach (var failed in total.FailedTests)
            Log.Warning($"failed: {failed}");
        var silent = done.Where(o => o.Results is null).Select(o => o.Suite.Name).ToList();
        if (silent.Count > 0)
            throw new InvalidOperationException($"{string.Join(", ", silent)} wrote no test results: see {(silent.Count == 1 ? "its" : "their")} output above.");
        if (total.Failed > 0 || total.Passed == 0)
            throw new InvalidOperationException(total.Passed == 0 ? "No test ran." : $"{total.Failed} test(s) failed{(total.FailedTests.Count > 0 ? " (named above)" : "")}.");
    }

    async Task<SuiteOutcome> RunSuiteAsync(TestLanePlan plan, TestSuite suite, CancellationToken cancellationToken)
    {
        var trx = TrxOf(suite.Name);
        File.Delete(trx);
        var clock = Stopwatch.StartNew();
        var command = DotNetCommands.Test(suite.Project, Configuration.ToString(), TestResultsDirectory, suite.Name + ".trx");
        await Tools.RunAsync(command with { ThrowOnError = false, OutputPrefix = plan.OutputPrefix(suite) }, cancellationToken);
        var outcome = new SuiteOutcome(suite, File.Exists(trx) ? TestResults.FromTrx(trx) : null, clock.Elapsed);
        Log.Information($"{suite.Name}: {outcome.Describe()}");
        return outcome;
    }

    string TrxOf(string projectName) => Path.Combine(TestResultsDirectory, projectName + ".trx");

    /// <summary>What one suite came to: its counts (null when it wrote no TRX) and its wall time.</summary>
    sealed record SuiteOutcome(TestSuite Suite, TestResults? Results, TimeSpan Elapsed)
    {
        public string Describe() => $"{(Results is null ? "no test results" : Results.ToString())} in {TestLanePlan.Minutes(Elapsed)}";
    }
}
