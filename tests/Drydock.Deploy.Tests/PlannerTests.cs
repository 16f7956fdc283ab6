using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>The planners as data: what a snapshot holds, recovery of a killed run, the rollback's configuration, whom to stop with which grace, and "already serves".</summary>
public sealed class PlannerTests
{
    private static readonly EnvironmentId Local = new("notes", "local");

    private static ContainerState Release(string version, int hour, bool running, string? role = null)
    {
        var container = Samples.Container(Samples.Spec(version), Samples.Stamp(releaseId: "r" + version.Replace(".", ""), at: Samples.Noon.AddHours(hour)), running: running);
        return role is null ? container : container with { Labels = new Dictionary<string, string>(container.Labels) { [ReleaseLabels.Role] = role } };
    }

    private static EnvironmentSnapshot Snapshot(params ContainerState[] containers) => new(Local, containers, []);

    [Fact]
    public void A_snapshot_parses_each_release_once_and_finds_serving_retained_edge_and_lock()
    {
        var edge = new ContainerState("e", Local.EdgeContainer, "sha256:e", "drydock/edge:1", ReleaseLabels.Owner(Local, "edge")) { Running = true };
        var lockContainer = new ContainerState("l", Local.LockContainer, "sha256:h", HolderImage.Reference, ReleaseLabels.Owner(Local, ContainerRole.Lock));
        var snapshot = Snapshot(Release("1.0.0", 0, running: false), Release("2.0.0", 1, running: true), edge, lockContainer);

        Assert.Equal(2, snapshot.Releases.Count);
        Assert.Equal("2.0.0", snapshot.Serving?.Recorded?.Spec.Version);
        Assert.Equal("1.0.0", Assert.Single(snapshot.Retained).Spec.Version);
        Assert.Same(edge, snapshot.EdgeContainer);
        Assert.Same(lockContainer, snapshot.LockContainer);
    }

    [Fact]
    public void Recovery_removes_candidates_and_never_started_releases_and_restarts_the_last_one_when_nothing_serves()
    {
        var candidate = Release("3.0.0", 3, running: false, role: "candidate");
        var neverStarted = Release("3.0.0", 3, running: false) with { StartedAt = default };
        var older = Release("1.0.0", 0, running: false) with { FinishedAt = Samples.Noon.AddHours(1) };
        var last = Release("2.0.0", 1, running: false) with { FinishedAt = Samples.Noon.AddHours(2) };

        var plan = RecoveryPlan.Decide(Snapshot(candidate, neverStarted, older, last));

        Assert.Equal([candidate], plan.RemoveCandidates);
        Assert.Equal([neverStarted], plan.RemoveNeverStarted);
        Assert.Same(last, plan.Restart);
        Assert.Equal(new Uri("http://127.0.0.1:8080/health/ready"), plan.RestartProbe); // published: probed on its port
    }

    [Fact]
    public void Recovery_of_a_healthy_environment_is_nothing()
    {
        Assert.True(RecoveryPlan.Decide(Snapshot(Release("1.0.0", 0, running: false), Release("2.0.0", 1, running: true))).NothingToDo);
        Assert.True(RecoveryPlan.Decide(Snapshot()).NothingToDo);
    }

    [Fact]
    public void A_rollback_keeps_the_recorded_configuration_with_todays_timeouts_and_the_port_of_whoever_owns_it()
    {
        var recorded = Samples.Spec("1.0.0", config: new EnvironmentConfig { HostPort = 9000, Bind = "0.0.0.0", Memory = "256m", DeployTimeout = TimeSpan.FromMinutes(9) });
        var today = new EnvironmentConfig { HostPort = 8080, Bind = "127.0.0.1", Memory = "1g", DeployTimeout = TimeSpan.FromSeconds(30), KeepReleases = 2 };

        var edge = RollbackPlan.Spec(recorded, today, strategyOwnsPort: true).Config;
        var replace = RollbackPlan.Spec(recorded, today, strategyOwnsPort: false).Config;

        Assert.Equal(("256m", TimeSpan.FromSeconds(30), 2), (edge.Memory, edge.DeployTimeout, edge.KeepReleases));
        Assert.Equal((8080, "127.0.0.1"), (edge.HostPort, edge.Bind));
        Assert.Equal((9000, "0.0.0.0"), (replace.HostPort, replace.Bind));
    }

    [Fact]
    public void Retiring_stops_the_routed_and_the_serving_release_once_each_never_the_new_one()
    {
        var serving = Release("1.0.0", 0, running: true);
        var routedElsewhere = RetirePlan.Decide("http://notes-local-0.9.0-r090:8080", serving, "notes-local-2.0.0-new");
        Assert.Equal(["notes-local-0.9.0-r090", serving.Name], routedElsewhere.Stop);
        Assert.Equal("http://notes-local-0.9.0-r090:8080", routedElsewhere.DrainUpstream);

        Assert.Equal([serving.Name], RetirePlan.Decide($"http://{serving.Name}:8080", serving, "notes-local-2.0.0-new").Stop);
        Assert.True(RetirePlan.Decide(null, null, "notes-local-2.0.0-new").NothingToDo);
        Assert.True(RetirePlan.Decide("http://notes-local-2.0.0-new:8080", null, "notes-local-2.0.0-new").NothingToDo);
    }

    [Theory]
    [InlineData(30, 0.2, 29.8)]
    [InlineData(30, 29.5, 1)]
    [InlineData(30, null, 30)]
    public void The_grace_is_what_the_drain_left_of_the_timeout_at_least_a_second(double timeout, double? waited, double grace) =>
        Assert.Equal(TimeSpan.FromSeconds(grace), RetirePlan.Grace(TimeSpan.FromSeconds(timeout), waited is { } w ? TimeSpan.FromSeconds(w) : null));

    [Fact]
    public void The_edge_serves_a_release_only_when_it_routes_to_it_on_todays_port()
    {
        var spec = Samples.Spec("1.0.0");
        var labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, Samples.Stamp(), ContainerRole.Release)) { [ReleaseLabels.Placement] = ReleasePlacement.BehindEdgeLabel };
        var serving = Samples.Container(spec, Samples.Stamp()) with { Labels = labels, PortBindings = [] };
        var edgeContainer = new ContainerState("e", Local.EdgeContainer, "sha256:e", "drydock/edge:1",
            new Dictionary<string, string>(ReleaseLabels.Owner(Local, "edge")) { [EdgeLabels.PublicPort] = "8080" }) { Running = true };
        EnvironmentSnapshot Routed(string upstream) => Snapshot(serving, edgeContainer) with
        {
            Edge = new EdgeView(edgeContainer, new RunningEdge(edgeContainer.Name, new DockerCli(new FakeDockerEngine()), 8080, EdgeContainerAction.Keep, "runs"),
                new RouteTableView(3, new ActiveRouteView(upstream, "1.0.0", Samples.Noon), [])),
        };
        var strategy = new EdgeStrategy(new EnvironmentEdge(new DockerCli(new FakeDockerEngine()), new RecordingBuildLog(), new EdgeStrategyOptions("/repo")), new EdgeStrategyOptions("/repo"));

        Assert.True(strategy.Serves(Routed($"http://{serving.Name}:8080"), serving, spec));
        Assert.False(strategy.Serves(Routed("http://notes-local-0.9.0-old:8080"), serving, spec));
        Assert.False(strategy.Serves(Routed($"http://{serving.Name}:8080"), serving, spec with { Config = spec.Config with { HostPort = 9090 } }));
        Assert.False(strategy.Serves(Snapshot(serving, edgeContainer), serving, spec)); // no edge view: no route known
    }
}
