namespace Drydock.Deploy.Tests;

/// <summary>A cluster's window reads its edges' access lines (as <c>docker service logs --raw</c> prints them) and applies like one engine's.</summary>
public sealed class ClusterVerificationTests
{
    // The JSON console's shape for one access line: the structured values under "State".
    private static string Access(int status, double milliseconds, string path = "/notes") =>
        $$$"""{"Timestamp":"2026-12-03T16:00:00.000Z","EventId":0,"LogLevel":"Information","Category":"Drydock.Edge.Proxy.PublicProxy","Message":"POST {{{path}}} {{{status}}} 2.0.0 {{{milliseconds}}}ms","State":{"Message":"POST {{{path}}} {{{status}}} 2.0.0 {{{milliseconds}}}ms","Method":"POST","Path":"{{{path}}}","Status":{{{status}}},"Release":"2.0.0","DurationMs":{{{milliseconds}}},"{OriginalFormat}":"{Method} {Path} {Status} {Release} {DurationMs:0.0}ms"}}""";

    [Fact]
    public void Access_lines_from_every_node_are_counted_and_other_lines_are_skipped()
    {
        string[] lines =
        [
            """{"Timestamp":"2026-12-03T16:00:00.000Z","EventId":14,"LogLevel":"Information","Category":"Microsoft.Hosting.Lifetime","Message":"Now listening on: http://[::]:8080","State":{"Message":"Now listening on: http://[::]:8080"}}""",
            Access(200, 3.5),
            Access(500, 12),
            "not json at all {",
            Access(201, 1),
            """{"LogLevel":"Warning","Category":"Drydock.Edge.Proxy.PublicProxy","State":{"Message":"Forwarding failed","Status":502}}""",
        ];

        var sample = EdgeAccessLog.Sample(lines);

        Assert.Equal(new TrafficSample(3, 1, 12), sample);
    }

    [Fact]
    public void An_upstream_failure_the_edge_answered_with_502_counts_as_an_error()
    {
        var sample = EdgeAccessLog.Sample([Access(502, 0.4), Access(200, 1), Access(404, 1)]);

        Assert.Equal(3, sample.Requests);
        Assert.Equal(1, sample.Errors);
    }

    [Fact]
    public void No_access_line_is_no_traffic_not_a_pass()
    {
        Assert.Equal(TrafficSample.None, EdgeAccessLog.Sample(["starting", ""]));
    }

    [Fact]
    public void The_window_applies_to_a_deploy_replacing_a_serving_release_only()
    {
        var config = new EnvironmentConfig { Platform = DeployPlatform.Swarm, Verification = new VerificationPolicy { Window = TimeSpan.FromSeconds(20) } };
        var spec = Samples.Spec("2.0.0", "sha256:" + new string('b', 64), "cluster", config);
        var id = new EnvironmentId("notes", "cluster");
        var edge = new SwarmService("e", id.EdgeService(), "edge");
        var serving = new SwarmService("s", "notes-cluster-1", "notes:1.0.0") { Replicas = 1 };
        var active = new ClusterRelease(serving, null);
        var withActive = new ClusterSnapshot(id, [], [active], edge, [], []);

        Assert.True(ClusterVerification.Applies(spec, ReleaseAction.Deploy, withActive));
        Assert.False(ClusterVerification.Applies(spec, ReleaseAction.Rollback, withActive));
        Assert.False(ClusterVerification.Applies(spec, ReleaseAction.Deploy, withActive with { Releases = [] }));
        Assert.False(ClusterVerification.Applies(spec with { Config = config with { Verification = new VerificationPolicy() } }, ReleaseAction.Deploy, withActive));
    }
}
