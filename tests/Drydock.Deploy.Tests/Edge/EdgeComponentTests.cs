using Drydock.Docker;
using Drydock.Edge.Client;

namespace Drydock.Deploy.Tests;

/// <summary>
/// What every edge shares, as data: the fingerprints running edges carry (a changed one would recreate them), one
/// container decision for both edge containers, the deadline clamp, the drain-then-stop, and the values that travel
/// through a rollout (what still serves, container names, digests).
/// </summary>
public sealed class EdgeComponentTests
{
    private static readonly EdgeContainerSpec PerPort = new(new EnvironmentId("notes", "production"), "drydock/edge:1.0.0-abcdef012345", 8080);
    private static readonly HostEdgeSpec HostWide = new(HostEdgeSpec.DefaultName, "drydock/edge:1.0.0-abcdef012345", 80, 443, "0.0.0.0", EnvironmentHttps.LetsEncrypt);

    [Fact]
    public void Running_edges_keep_their_fingerprints()
    {
        Assert.Equal("08ed9f83ba3c264c", PerPort.Fingerprint());
        Assert.Equal("06d8a996e52add1c", HostWide.Fingerprint());
        Assert.Equal(HostWide.Fingerprint(), HostWide.ToRunSettings().Labels[EdgeLabels.Fingerprint]);
    }

    [Fact]
    public void Both_edge_containers_are_decided_alike_and_an_outdated_one_says_whom_it_keeps_serving()
    {
        foreach (IEdgeContainerSpec spec in new IEdgeContainerSpec[] { PerPort, HostWide })
        {
            var outdated = Existing(spec, fingerprint: "0000", running: true);
            var (action, reason) = EdgeContainerDecision.Decide(outdated, spec);
            Assert.Equal(EdgeContainerAction.KeepOutdated, action);
            Assert.Contains(spec.OutdatedKeepsServing, reason);
            Assert.Contains($"image drydock/edge:0.9.0-000000000000 → {spec.Image}", reason);
            Assert.Equal(EdgeContainerAction.Recreate, EdgeContainerDecision.Decide(outdated, spec, allowRecreate: true).Action);
            Assert.Equal(EdgeContainerAction.Keep, EdgeContainerDecision.Decide(Existing(spec, spec.Fingerprint(), running: true), spec).Action);
            Assert.Equal(EdgeContainerAction.Start, EdgeContainerDecision.Decide(Existing(spec, spec.Fingerprint(), running: false), spec).Action);
        }
        Assert.Contains("every app", HostWide.OutdatedKeepsServing);
    }

    [Fact]
    public void What_is_left_of_a_deadline_never_drops_below_its_floor()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), Deadline.Left(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), Deadline.SwitchFloor));
        Assert.Equal(Deadline.SwitchFloor, Deadline.Left(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(29), Deadline.SwitchFloor));
        Assert.Equal(TimeSpan.Zero, Deadline.Left(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.Zero));
    }

    [Fact]
    public void What_still_serves_is_rendered_once_for_every_message()
    {
        var still = StillServing.Before("notes-local-1.0.0-ab12cd", "local");
        Assert.Equal("notes-local-1.0.0-ab12cd still serves local", still.ToString());
        Assert.Equal("the edge never routed to it and notes-local-1.0.0-ab12cd still serves local", still.NeverRouted);
        Assert.Same(StillServing.NothingBefore, StillServing.Before(null, "local"));
        Assert.Equal("the edge never routed to it and nothing served before", StillServing.NothingBefore.NeverRouted);
    }

    [Fact]
    public void Container_names_and_digests_are_values_that_refuse_what_they_are_not()
    {
        Assert.Equal("drydock-edge-notes-local", new ContainerName("/drydock-edge-notes-local").Value);
        Assert.Equal(new ContainerName("a"), new ContainerName("/a"));
        Assert.Throws<ArgumentException>(() => new ContainerName("/"));
        Assert.Equal(Samples.DigestA, (string)new ImageDigest(Samples.DigestA));
        var bad = Assert.Throws<DeployException>(() => new ImageDigest("sha256:ABC"));
        Assert.Contains("sha256: and 64 hex digits", bad.Message);
        Assert.False(ImageDigest.IsValid(null));
    }

    [Fact]
    public void A_release_answers_when_it_runs_and_docker_calls_it_healthy_or_does_not_check()
    {
        var labels = new Dictionary<string, string> { [ReleaseLabels.Placement] = ReleasePlacement.BehindEdgeLabel };
        var running = new ContainerState("c", "notes-local-1.0.0-ab12cd", "sha256:c", "repo@" + Samples.DigestA, labels) { Running = true };
        Assert.True(ServingRelease.AnswersBehindEdge(running));
        Assert.True(ServingRelease.Answers(running with { HealthStatus = "healthy" }));
        Assert.False(ServingRelease.Answers(running with { HealthStatus = "starting" }));
        Assert.False(ServingRelease.Answers(running with { Running = false }));
        Assert.False(ServingRelease.AnswersBehindEdge(running with { Labels = new Dictionary<string, string>() }));
    }

    [Fact]
    public async Task Drain_then_stop_waits_for_each_old_upstream_within_the_drain_timeout_then_stops_with_what_is_left()
    {
        var engine = new FakeDockerEngine();
        engine.Add("old", new Dictionary<string, string>(), running: true);
        var log = new RecordingBuildLog();
        var containers = new EnvironmentContainers(new DockerCli(engine));
        var context = new DeployContext(containers, new HealthWaiter(containers, FakeProbe.AlwaysHealthy(), TimeProvider.System, log), log, TimeProvider.System);
        var asked = new List<TimeSpan>();
        EdgeDrain Drain(string label, DrainResult? result) => new(label, "http://old:8080", timeout =>
        {
            asked.Add(timeout);
            return result is null ? throw new HttpRequestException("edge gone") : Task.FromResult(result);
        });

        var summary = await DeployEdge.RetireAsync(context, new RetirePlan(["old"], "http://old:8080"), TimeSpan.FromSeconds(10),
            [Drain("a.example.org", new DrainResult("http://old:8080", true, 0, TimeSpan.FromMilliseconds(100))), Drain("b.example.org", new DrainResult("http://old:8080", false, 2, TimeSpan.FromSeconds(3))), Drain("c.example.org", null)]);

        Assert.Equal("; a.example.org drained in 0.10s; b.example.org still had 2 request(s) in flight after 3s; stopped old (kept for rollback)", summary);
        Assert.All(asked, timeout => Assert.InRange(timeout, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        Assert.Contains("Could not follow the drain of http://old:8080", log.Text);
        Assert.Single(engine.Commands, c => c[0] == "stop" && c[^1] == "old");
        Assert.Equal("", await DeployEdge.RetireAsync(context, new RetirePlan([], null), TimeSpan.FromSeconds(10), []));
    }

    private static ContainerState Existing(IEdgeContainerSpec spec, string fingerprint, bool running) =>
        new("e", spec.ContainerName, "sha256:e", "drydock/edge:0.9.0-000000000000", new Dictionary<string, string> { [EdgeLabels.Fingerprint] = fingerprint })
        {
            Running = running,
            Status = running ? "running" : "exited",
        };
}
