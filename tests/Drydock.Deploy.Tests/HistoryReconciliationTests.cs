using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary><see cref="HistoryReconciliation"/> as data: which serving release the history must learn about.</summary>
public sealed class HistoryReconciliationTests
{
    private static readonly EnvironmentId Local = new("notes", "local");

    private static ContainerState Release(string version, string digest, int hour, bool running) =>
        Samples.Container(Samples.Spec(version, digest), Samples.Stamp(releaseId: "r" + version.Replace(".", ""), at: Samples.Noon.AddHours(hour)), running: running);

    private static HistoryRecord Recorded(ContainerState container) =>
        Samples.History(container.Labels[ReleaseLabels.Version], container.Labels[ReleaseLabels.Digest]) with { Container = container.Name };

    [Fact]
    public void A_serving_release_the_history_does_not_know_is_recorded_from_its_labels()
    {
        var v1 = Release("1.0.0", Samples.DigestA, 0, running: false);
        var v2 = Release("2.0.0", Samples.DigestB, 1, running: true);

        var record = HistoryReconciliation.Decide(new EnvironmentSnapshot(Local, [v1, v2], [Recorded(v1)]));

        Assert.NotNull(record);
        Assert.Equal((ReleaseOutcome.Succeeded, ReleaseAction.Deploy, "2.0.0", Samples.DigestB, v2.Name), (record.Outcome, record.Action, record.Version, record.Digest, record.Container));
        Assert.Equal(("r200", "dev@laptop", "1.0.0", "abc1234"), (record.ReleaseId, record.Who, record.PreviousVersion, record.Commit));
        Assert.Equal(Samples.Noon.AddHours(1), record.At);
        Assert.Equal(HistoryReconciliation.InterruptedNote, record.Message);
    }

    [Fact]
    public void A_known_serving_release_or_nothing_serving_needs_no_record()
    {
        var v1 = Release("1.0.0", Samples.DigestA, 0, running: true);
        Assert.Null(HistoryReconciliation.Decide(new EnvironmentSnapshot(Local, [v1], [Recorded(v1)])));
        Assert.Null(HistoryReconciliation.Decide(new EnvironmentSnapshot(Local, [v1 with { Running = false }], [])));
        Assert.Null(HistoryReconciliation.Decide(new EnvironmentSnapshot(Local, [], [])));
    }

    [Fact]
    public void Behind_an_edge_the_routed_release_is_what_serves()
    {
        var v1 = Release("1.0.0", Samples.DigestA, 0, running: true);
        var v2 = Release("2.0.0", Samples.DigestB, 1, running: true);
        var edgeContainer = new ContainerState("e", Local.EdgeContainer, "sha256:e", "drydock/edge:1", ReleaseLabels.Owner(Local, "edge")) { Running = true };
        EnvironmentSnapshot Routed(ContainerState to) => new EnvironmentSnapshot(Local, [v1, v2, edgeContainer], [Recorded(v1)])
        {
            Edge = new EdgeView(edgeContainer, new RunningEdge(edgeContainer.Name, new DockerCli(new FakeDockerEngine()), 8080, EdgeContainerAction.Keep, "runs"),
                new RouteTableView(3, new ActiveRouteView(EdgeRoutes.Upstream(to.Name, new EnvironmentConfig()), "x", Samples.Noon), [])),
        };

        // Killed during drain: both run, the edge routes to 2.0.0.
        Assert.Equal("2.0.0", HistoryReconciliation.Decide(Routed(v2))?.Version);
        // Killed before the switch: 2.0.0 runs, but the edge still routes to the recorded 1.0.0.
        Assert.Null(HistoryReconciliation.Decide(Routed(v1)));
    }
}
