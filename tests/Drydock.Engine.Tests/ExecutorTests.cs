using Drydock.Engine.Execution;
using Drydock.Engine.Output;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Tests;

public class ExecutorTests
{
    private static async Task<(ChainBuild Build, Dictionary<string, TargetOutcome> Outcomes)> Run(string[] invoked, Action<ChainBuild> configure, CancellationToken cancellationToken = default)
    {
        var build = new ChainBuild { Registry = "r" };
        configure(build);
        var graph = TargetGraph.FromBuild(build);
        var plan = ExecutionPlanner.Plan(graph, invoked.Select(n => graph.Find(n)!).ToList());
        var outcomes = await new BuildExecutor(new ConsoleBuildLog(new SecretMasker(), Verbosity.Quiet, TextWriter.Null)).RunAsync(plan, cancellationToken);
        return (build, outcomes.ToDictionary(o => o.Name));
    }

    [Fact]
    public async Task A_failure_stops_the_build_and_dependents_are_not_run()
    {
        var (build, outcomes) = await Run(["Deploy"], b => b.Fail.Add("Compile"));
        Assert.Equal(TargetStatus.Failed, outcomes["Compile"].Status);
        Assert.Equal("Compile broke", outcomes["Compile"].Reason);
        Assert.Equal(TargetStatus.NotRun, outcomes["Publish"].Status);
        Assert.Equal(TargetStatus.NotRun, outcomes["Deploy"].Status);
        Assert.Equal(["Restore", "Compile"], build.Ran);
    }

    [Fact]
    public async Task Assured_targets_run_after_a_failure()
    {
        var (build, outcomes) = await Run(["Test", "Cleanup"], b => b.Fail.Add("Test"));
        Assert.Equal(TargetStatus.Failed, outcomes["Test"].Status);
        Assert.Equal(TargetStatus.Succeeded, outcomes["Cleanup"].Status);
        Assert.Equal("Cleanup", build.Ran[^1]);
    }

    [Fact]
    public async Task Proceed_after_failure_lets_the_rest_of_the_build_continue()
    {
        var (_, outcomes) = await Run(["Report", "Publish"], b => b.Fail.Add("Report"));
        Assert.Equal(TargetStatus.Failed, outcomes["Report"].Status);
        Assert.Equal(TargetStatus.Succeeded, outcomes["Publish"].Status);
    }

    [Fact]
    public async Task A_dynamic_condition_skips_only_that_target_with_its_text_as_reason()
    {
        var (build, outcomes) = await Run(["Deploy"], b => b.DeployDynamicAllowed = false);
        Assert.Equal(TargetStatus.Skipped, outcomes["Deploy"].Status);
        Assert.Equal("condition false: DeployDynamicAllowed", outcomes["Deploy"].Reason);
        Assert.Contains("Push", build.Ran);
    }

    [Fact]
    public async Task Cancellation_marks_the_rest_not_run()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var (build, outcomes) = await Run(["Test"], _ => { }, cancelled.Token);
        Assert.Empty(build.Ran);
        Assert.All(outcomes.Values, o => Assert.Equal(TargetStatus.NotRun, o.Status));
    }

    [Fact]
    public void The_summary_lists_every_target_with_status_reason_and_total()
    {
        var table = SummaryTable.Render(
        [
            new("Compile", TargetStatus.Succeeded, TimeSpan.FromSeconds(3)),
            new("Publish", TargetStatus.Skipped, TimeSpan.Zero, "condition false: IsServerBuild"),
            new("Test", TargetStatus.Failed, TimeSpan.FromSeconds(65), "2 test(s) failed."),
            new("Deploy", TargetStatus.NotRun, TimeSpan.Zero),
        ], TimeSpan.FromSeconds(68));
        Assert.Contains("Skipped (condition false: IsServerBuild)", table);
        Assert.Matches(@"Test\s+Failed \(2 test\(s\) failed\.\)\s+1:05", table);
        Assert.Matches(@"Deploy\s+NotRun\s+–", table);
        Assert.Matches(@"Total\s+1:08", table);
        Assert.EndsWith("UTC.", table);
        Assert.Contains("Build failed", table);
    }
}
