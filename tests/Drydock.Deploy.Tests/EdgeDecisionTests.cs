using System.Text.Json;
using Drydock.Docker;
using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>The edge strategy's decisions as data: placement, route repair, no-change detection, drift and status of a release behind an edge.</summary>
public sealed class EdgeDecisionTests
{
    private static ContainerState Release(string version, DateTimeOffset at, bool running, bool neverStarted = false)
    {
        var spec = Samples.Spec(version);
        var container = Samples.Container(spec, Samples.Stamp(releaseId: "r" + version.Replace(".", ""), at: at), running: running);
        return neverStarted ? container with { StartedAt = default } : container;
    }

    private static readonly ContainerState V1 = Release("1.0.0", Samples.Noon, running: false);
    private static readonly ContainerState V2 = Release("2.0.0", Samples.Noon.AddHours(1), running: true);

    [Fact]
    public void Behind_an_edge_a_release_publishes_nothing_and_joins_the_environments_network()
    {
        var settings = ContainerPlan.Release(Samples.Spec(), Samples.Stamp(), null, ReleasePlacement.OnNetwork("drydock-notes-local"));
        var arguments = string.Join(' ', new DockerCreateSettings(settings).ToArguments());

        Assert.DoesNotContain("--publish", arguments);
        Assert.Contains("--network drydock-notes-local", arguments);
        Assert.Equal("edge", settings.Labels[ReleaseLabels.Placement]);
        Assert.True(ReleasePlacement.IsBehindEdge(settings.Labels));
        Assert.Contains("--read-only", arguments); // hardened the same
    }

    [Fact]
    public void By_default_a_release_publishes_its_port_and_says_so()
    {
        var settings = ContainerPlan.Release(Samples.Spec(), Samples.Stamp(), null);
        Assert.Equal([new PortMapping(8080, 8080, "127.0.0.1")], settings.Publish);
        Assert.Null(settings.Network);
        Assert.False(ReleasePlacement.IsBehindEdge(settings.Labels));
    }

    [Fact]
    public void A_routed_release_that_runs_is_kept()
    {
        var repair = EdgeRouteRepair.Decide(V2.Name, [V1, V2], V2.Name, new HashSet<string> { V1.Name, V2.Name });
        Assert.True(repair.NothingToDo, repair.Reason);
    }

    [Fact]
    public void A_route_to_a_gone_container_goes_back_to_the_last_good_release_which_is_started()
    {
        var repair = EdgeRouteRepair.Decide("notes-local-3.0.0-gone", [V1], V1.Name, new HashSet<string> { V1.Name });

        Assert.Equal(V1, repair.Target);
        Assert.True(repair.StartTarget);
        Assert.True(repair.Switch);
        Assert.Contains("which is gone", repair.Reason);
    }

    [Fact]
    public void A_route_to_a_stopped_container_prefers_the_history_over_the_newest_running()
    {
        var stoppedV2 = V2 with { Running = false };
        var runningV1 = V1 with { Running = true };
        var repair = EdgeRouteRepair.Decide(stoppedV2.Name, [runningV1, stoppedV2], stoppedV2.Name, new HashSet<string> { V1.Name, V2.Name });

        Assert.Equal(stoppedV2, repair.Target); // the last successful release: started again, the route is already right
        Assert.True(repair.StartTarget);
        Assert.False(repair.Switch);
        Assert.Equal([runningV1], repair.Stop);
    }

    [Fact]
    public void A_release_started_by_a_killed_run_and_never_routed_to_is_removed()
    {
        var interrupted = Release("3.0.0", Samples.Noon.AddHours(2), running: true);
        var repair = EdgeRouteRepair.Decide(V2.Name, [V1, V2, interrupted], V2.Name, new HashSet<string> { V1.Name, V2.Name });

        Assert.Equal(V2, repair.Target);
        Assert.False(repair.Switch);
        Assert.Empty(repair.Stop);
        Assert.Equal([interrupted], repair.Remove);
    }

    [Fact]
    public void A_killed_drain_leaves_the_old_recorded_release_running_it_is_stopped_and_kept()
    {
        var oldStillRunning = V1 with { Running = true };
        var repair = EdgeRouteRepair.Decide(V2.Name, [oldStillRunning, V2], V1.Name, new HashSet<string> { V1.Name });

        Assert.Equal(V2, repair.Target); // what the edge routes to and runs is kept, even before it was recorded
        Assert.Equal([oldStillRunning], repair.Stop);
    }

    [Fact]
    public void With_no_route_and_nothing_ever_started_there_is_nothing_to_route_to()
    {
        var repair = EdgeRouteRepair.Decide(null, [Release("1.0.0", Samples.Noon, running: false, neverStarted: true)], null, new HashSet<string>());
        Assert.Null(repair.Target);
        Assert.True(repair.NothingToDo);
    }

    [Fact]
    public void The_same_digest_and_configuration_is_no_change()
    {
        var spec = Samples.Spec(config: new EnvironmentConfig().WithEnv(["B=2", "A=1"]));
        var serving = new RecordedRelease(Samples.Spec(config: new EnvironmentConfig().WithEnv(["A=1", "B=2"])), Samples.Stamp());
        Assert.Null(NoChangeCheck.Difference(serving, spec));
        // Timeouts, retention and the probe host govern the run, not the container.
        Assert.Null(NoChangeCheck.Difference(serving, spec with { Config = spec.Config with { DeployTimeout = TimeSpan.FromSeconds(5), KeepReleases = 1, LockTimeout = TimeSpan.FromMinutes(1) } }));
    }

    [Fact]
    public void Another_digest_another_configuration_a_secret_or_nothing_serving_is_a_change()
    {
        var serving = new RecordedRelease(Samples.Spec(), Samples.Stamp());
        Assert.NotNull(NoChangeCheck.Difference(null, Samples.Spec()));
        Assert.Contains("serves, not", NoChangeCheck.Difference(serving, Samples.Spec(digest: Samples.DigestB)));
        Assert.Equal("the configuration changed", NoChangeCheck.Difference(serving, Samples.Spec(config: new EnvironmentConfig { Memory = "1g" })));
        Assert.Equal("the configuration changed", NoChangeCheck.Difference(serving, Samples.Spec(config: new EnvironmentConfig { Strategy = DeployStrategyKind.Replace })));
        Assert.Contains("secrets", NoChangeCheck.Difference(new RecordedRelease(Samples.Spec(config: new EnvironmentConfig { SecretEnv = ["K"] }), Samples.Stamp()),
            Samples.Spec(config: new EnvironmentConfig { SecretEnv = ["K"] })));
    }

    [Fact]
    public void A_release_behind_an_edge_is_not_drift_for_publishing_nothing()
    {
        var spec = Samples.Spec();
        var stamp = Samples.Stamp();
        var labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release)) { [ReleaseLabels.Placement] = "edge" };
        var behindEdge = Samples.Container(spec, stamp) with { Labels = labels, PortBindings = [] };
        var last = Samples.History("1.0.0", Samples.DigestA) with { Container = behindEdge.Name };

        Assert.False(DriftDetector.Compare(behindEdge, ["PATH=/usr/bin"], [], last).HasDrift);
        var published = DriftDetector.Compare(behindEdge with { PortBindings = [new PublishedPort("8080/tcp", "0.0.0.0", 9999)] }, ["PATH=/usr/bin"], [], last);
        Assert.Contains(published.Findings, f => f.What == "published port" && f.Expected == "none");
    }

    [Fact]
    public void The_strategy_is_read_from_the_environment_file_and_defaults_to_the_edge()
    {
        Assert.Equal(DeployStrategyKind.Edge, new EnvironmentConfig().Strategy);
        Assert.Equal(DeployStrategyKind.Replace, JsonSerializer.Deserialize<EnvironmentConfig>("""{ "strategy": "replace" }""", DeployJson.Strict)!.Strategy);
        Assert.Equal(DeployStrategyKind.Edge, JsonSerializer.Deserialize<EnvironmentConfig>("""{ "strategy": "edge" }""", DeployJson.Strict)!.Strategy);
    }

    [Fact]
    public void Status_shows_the_edge_its_route_and_generation()
    {
        var since = Samples.Noon;
        var lines = EdgeStatus.Describe("drydock-edge-notes-local", "8080", new EdgeHealthView("ok", "1.0.0", true, null),
            new RouteTableView(3, new ActiveRouteView("http://notes-local-2.0.0-a1b2c3:8080", "2.0.0", since),
                [new UpstreamView("http://notes-local-2.0.0-a1b2c3:8080", true, 0, 10, 0, null), new UpstreamView("http://notes-local-1.0.0-ffffff:8080", false, 1, 5, 0, since)]));

        Assert.Equal("edge     drydock-edge-notes-local (ok, edge 1.0.0) on port 8080", lines[0]);
        Assert.Contains("-> http://notes-local-2.0.0-a1b2c3:8080 (2.0.0)", lines[1]);
        Assert.Contains("generation 3", lines[1]);
        Assert.Contains("retired  http://notes-local-1.0.0-ffffff:8080: 1 in flight", lines[2]);
    }
}
