using Drydock.Engine.Planning;
using Drydock.Engine.Targets;

namespace Drydock.Engine.Tests;

public class PlannerTests
{
    private static (TargetGraph Graph, ChainBuild Build) Chain(Action<ChainBuild>? configure = null)
    {
        var build = new ChainBuild();
        configure?.Invoke(build);
        return (TargetGraph.FromBuild(build, b => ((ChainBuild)b).Test), build);
    }

    private static List<string> Names(IEnumerable<PlannedTarget> plan) => plan.Select(p => p.Node.Name).ToList();

    private static IReadOnlyList<PlannedTarget> Plan(TargetGraph graph, string[] invoked, string[]? skip = null) =>
        ExecutionPlanner.Plan(graph, invoked.Select(n => graph.Find(n)!).ToList(), skip?.Select(n => graph.Find(n)!).ToList());

    [Fact]
    public void Dependencies_come_first_and_are_pulled_in()
    {
        var (graph, _) = Chain();
        Assert.Equal(["Restore", "Compile", "Test"], Names(Plan(graph, ["Test"])));
    }

    [Fact]
    public void Ordering_edges_order_but_do_not_pull_in()
    {
        var (graph, _) = Chain();
        Assert.Equal(["Restore", "Compile", "Publish"], Names(Plan(graph, ["Publish"])));
        // Publish runs After(Test) when both are planned, even though Test is named last.
        Assert.Equal(["Restore", "Compile", "Test", "Publish"], Names(Plan(graph, ["Publish", "Test"])));
        // Clean is Before(Restore).
        Assert.Equal(["Clean", "Restore", "Compile"], Names(Plan(graph, ["Compile", "Clean"])));
    }

    [Fact]
    public void Triggers_are_added_after_their_trigger()
    {
        var (graph, _) = Chain();
        var names = Names(Plan(graph, ["Deploy"]));
        Assert.Equal("Notify", names[^1]);
        Assert.True(names.IndexOf("Deploy") < names.IndexOf("Notify"));
    }

    [Fact]
    public void Skip_alone_skips_every_target_not_named()
    {
        var (graph, _) = Chain();
        var plan = Plan(graph, ["Test"], []);
        Assert.Equal([("Restore", "--skip"), ("Compile", "--skip"), ("Test", null)], plan.Select(p => (p.Node.Name, p.SkipReason)));
    }

    [Fact]
    public void Skip_with_names_skips_only_those_and_keeps_their_dependencies()
    {
        var (graph, _) = Chain();
        var plan = Plan(graph, ["Test"], ["Compile"]);
        Assert.Equal([("Restore", null), ("Compile", "--skip"), ("Test", null)], plan.Select(p => (p.Node.Name, p.SkipReason)));
    }

    [Fact]
    public void A_static_condition_skips_the_target_and_cascades_to_dependencies_only_it_needs()
    {
        var (graph, _) = Chain(b => b.PublishAllowed = false);
        var plan = Plan(graph, ["Publish"]).ToDictionary(p => p.Node.Name, p => p.SkipReason);
        Assert.Equal("condition false: PublishAllowed", plan["Publish"]);
        Assert.Equal("only needed by skipped targets", plan["Compile"]);
        Assert.Equal("only needed by skipped targets", plan["Restore"]);
    }

    [Fact]
    public void A_static_skip_does_not_cascade_to_dependencies_others_need()
    {
        var (graph, _) = Chain(b => b.PublishAllowed = false);
        var plan = Plan(graph, ["Publish", "Test"]).ToDictionary(p => p.Node.Name, p => p.SkipReason);
        Assert.NotNull(plan["Publish"]);
        Assert.Null(plan["Compile"]);
        Assert.Null(plan["Test"]);
    }

    [Fact]
    public void A_cycle_is_reported_with_the_targets_on_it()
    {
        var graph = TargetGraph.FromBuild(new CycleBuild());
        var error = Assert.Throws<PlanningException>(() => Plan(graph, ["D"]));
        var cycle = System.Text.RegularExpressions.Regex.Match(error.Message, @"cycle: (.+?)\. Remove").Groups[1].Value.Split(" → ");
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Equal(["A", "B", "C"], cycle.Skip(1).Order());
    }

    [Fact]
    public void Names_match_case_insensitively_and_the_default_is_marked()
    {
        var (graph, _) = Chain();
        Assert.Equal("Deploy", graph.Find("dEpLoY")!.Name);
        Assert.Equal("Test", graph.Default!.Name);
    }

    [Fact]
    public void Reverse_edges_resolve_like_their_forward_forms()
    {
        var (graph, _) = Chain();
        Assert.Contains(graph.Find("Clean")!, graph.Find("Restore")!.RunsAfter);
        Assert.Contains(graph.Find("Notify")!, graph.Find("Deploy")!.Triggers);
    }

    [Fact]
    public void Missing_required_parameters_fail_before_anything_runs()
    {
        var (graph, _) = Chain();
        var plan = Plan(graph, ["Push"]);
        var error = Assert.Throws<PlanningException>(() =>
            RequirementCheck.Verify(plan, Parameters.ParameterMember.Discover(typeof(ChainBuild))));
        Assert.Contains("Push requires parameter --registry", error.Message);
        Assert.Contains("REGISTRY", error.Message);
    }

    [Fact]
    public void The_plan_drawing_shows_dependency_ordering_and_trigger_edges()
    {
        var (graph, _) = Chain();
        var html = PlanRenderer.Render(graph, Plan(graph, ["Deploy"]));
        Assert.Contains("<svg", html);
        Assert.Contains("class=\"dependency\"", html);
        Assert.Contains("class=\"ordering\"", html);
        Assert.Contains("class=\"trigger\"", html);
        Assert.Contains(">Deploy<", html);
    }
}
