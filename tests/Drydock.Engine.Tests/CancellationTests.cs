using System.Diagnostics;
using Drydock.Engine.Execution;
using Drydock.Engine.Output;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;
using Drydock.Engine.Tooling;

namespace Drydock.Engine.Tests;

public sealed class SlowBuild : DrydockBuild
{
    public IToolRunner Runner = null!;

    public Target Wait => _ => _.Executes(ct => Runner.RunAsync(new ToolCommand("sleep", "30"), ct));
    public Target After => _ => _.DependsOn(Wait).Executes(() => { });
}

public class CancellationTests
{
    [Fact]
    public async Task Cancelling_stops_the_running_tool_reports_Aborted_and_leaves_the_rest_not_run()
    {
        var log = new ConsoleBuildLog(new SecretMasker(), Verbosity.Quiet, TextWriter.Null);
        var build = new SlowBuild { Runner = new ProcessToolRunner(log, new SecretMasker()) };
        var graph = TargetGraph.FromBuild(build);
        var plan = ExecutionPlanner.Plan(graph, [graph.Find("After")!]);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var clock = Stopwatch.StartNew();
        var outcomes = (await new BuildExecutor(log).RunAsync(plan, cancellation.Token)).ToDictionary(o => o.Name);

        // sleep 30 was interrupted, not waited for (the bound is generous: this is not a timing test).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the tool ran on for {clock.Elapsed}");
        Assert.Equal(TargetStatus.Aborted, outcomes["Wait"].Status);
        Assert.Equal(TargetStatus.NotRun, outcomes["After"].Status);
    }
}

public sealed class ConditionBuild : DrydockBuild
{
    public Target Broken => _ => _.OnlyWhenDynamic(() => Explode()).Executes(() => { });
    public Target BrokenStatic => _ => _.OnlyWhenStatic(() => Explode()).Executes(() => { });

    private static bool Explode() => throw new InvalidOperationException("registry refused");
}

public class ConditionFailureTests
{
    [Fact]
    public async Task A_dynamic_condition_that_throws_fails_its_target_cleanly()
    {
        var graph = TargetGraph.FromBuild(new ConditionBuild());
        var plan = ExecutionPlanner.Plan(graph, [graph.Find("Broken")!]);
        var outcome = (await new BuildExecutor(new ConsoleBuildLog(new SecretMasker(), Verbosity.Quiet, TextWriter.Null)).RunAsync(plan, CancellationToken.None)).Single();
        Assert.Equal(TargetStatus.Failed, outcome.Status);
        Assert.Equal("registry refused", outcome.Reason);
    }

    [Fact]
    public void A_static_condition_that_throws_is_a_planning_error_naming_the_target()
    {
        var graph = TargetGraph.FromBuild(new ConditionBuild());
        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(graph, [graph.Find("BrokenStatic")!]));
        Assert.Contains("BrokenStatic", error.Message);
        Assert.Contains("registry refused", error.Message);
    }
}
