using Drydock.Build.Lanes;

namespace Drydock.Build.Tests;

/// <summary>The lanes' queue, decided as data: longest first from the last results, a known slow order before that.</summary>
public sealed class TestLanePlanTests
{
    private static readonly string[] Projects =
    [
        "tests/Drydock.Acme.IntegrationTests/Drydock.Acme.IntegrationTests.csproj",
        "tests/Drydock.Deploy.IntegrationTests/Drydock.Deploy.IntegrationTests.csproj",
        "tests/Drydock.Edge.Tls.IntegrationTests/Drydock.Edge.Tls.IntegrationTests.csproj",
        "tests/Drydock.IntegrationTests/Drydock.IntegrationTests.csproj",
        "tests/Drydock.Remote.IntegrationTests/Drydock.Remote.IntegrationTests.csproj",
    ];

    private static TestLanePlan Decide(int lanes, Dictionary<string, TimeSpan>? durations = null, string[]? slowestFirst = null) =>
        TestLanePlan.Decide(Projects, ".IntegrationTests", lanes, durations ?? [], slowestFirst ?? []);

    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void Measured_suites_run_longest_first()
    {
        var plan = Decide(2, new()
        {
            ["Drydock.Acme.IntegrationTests"] = Min(0.5), ["Drydock.Deploy.IntegrationTests"] = Min(8), ["Drydock.Edge.Tls.IntegrationTests"] = Min(1),
            ["Drydock.IntegrationTests"] = Min(2), ["Drydock.Remote.IntegrationTests"] = Min(6),
        }, slowestFirst: ["Drydock.Acme.IntegrationTests"]);

        Assert.Equal(["Deploy", "Remote", "Drydock", "Edge.Tls", "Acme"], plan.Queue.Select(s => s.Label));
        Assert.Equal(Min(8), plan.Queue[0].LastDuration);
        Assert.Equal(2, plan.Lanes);
    }

    [Fact]
    public void Without_results_the_known_slow_order_leads_then_the_solution_order()
    {
        var plan = Decide(2, slowestFirst: ["Drydock.Remote.IntegrationTests", "Drydock.Deploy.IntegrationTests", "Drydock.Swarm.IntegrationTests"]);

        Assert.Equal(["Remote", "Deploy", "Acme", "Edge.Tls", "Drydock"], plan.Queue.Select(s => s.Label));
        Assert.All(plan.Queue, s => Assert.Null(s.LastDuration));
    }

    [Fact]
    public void A_suite_never_measured_starts_before_the_measured_ones_it_may_be_long()
    {
        var plan = Decide(2, new() { ["Drydock.Deploy.IntegrationTests"] = Min(8), ["Drydock.Acme.IntegrationTests"] = Min(1) },
            slowestFirst: ["Drydock.Remote.IntegrationTests"]);

        Assert.Equal(["Remote", "Edge.Tls", "Drydock", "Deploy", "Acme"], plan.Queue.Select(s => s.Label));
    }

    [Fact]
    public void Lanes_are_capped_by_the_projects_and_one_lane_keeps_the_output_unprefixed()
    {
        Assert.Equal(5, Decide(8).Lanes);
        var one = Decide(1);
        Assert.Equal(1, one.Lanes);
        Assert.Equal("", one.OutputPrefix(one.Queue[0]));
    }

    [Fact]
    public void In_lanes_each_line_carries_the_suites_label_padded_to_the_longest()
    {
        var plan = Decide(2, slowestFirst: ["Drydock.Deploy.IntegrationTests"]);

        Assert.Equal("Deploy   | ", plan.OutputPrefix(plan.Queue[0]));
        Assert.Equal("Edge.Tls | ", plan.OutputPrefix(plan.Queue.Single(s => s.Label == "Edge.Tls")));
        Assert.Equal("Drydock.Deploy.IntegrationTests", plan.Queue[0].Name);
        Assert.Equal(Projects[1], plan.Queue[0].Project);
    }

    [Fact]
    public void Labels_drop_the_suffix_and_a_first_segment_all_share_but_never_a_whole_name()
    {
        Assert.Equal(["Acme", "Drydock", "Edge.Tls"], TestLanePlan.Labels(["Drydock.Acme.Tests", "Drydock.Tests", "Drydock.Edge.Tls.Tests"], ".Tests"));
        Assert.Equal(["Drydock.Acme", "Notes"], TestLanePlan.Labels(["Drydock.Acme.Tests", "Notes.Tests"], ".Tests"));
        Assert.Equal(["Drydock.Acme"], TestLanePlan.Labels(["Drydock.Acme.Tests"], ".Tests"));
    }

    [Fact]
    public void The_plan_reads_as_one_line_with_last_durations()
    {
        var plan = Decide(2, new() { ["Drydock.Deploy.IntegrationTests"] = TimeSpan.FromSeconds(492), ["Drydock.Remote.IntegrationTests"] = Min(75) });

        Assert.Equal("2 lanes; queue: Acme, Edge.Tls, Drydock, Remote (75:00), Deploy (8:12)", plan.Describe());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fewer_than_one_lane_is_refused_naming_the_parameter_and_what_works(int lanes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Decide(lanes));
        Assert.Contains("--test-lanes must be 1 or more", error.Message);
        Assert.Contains("1 runs the test projects one after the other", error.Message);
    }
}
