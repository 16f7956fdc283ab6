using System.Security.Cryptography;
using Drydock.Docker;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The verification window on the real edge and engine, under continuous writes: a release that passes its health
/// checks but fails every write is switched to, judged on the edge's own counts, and reverted by itself; a good
/// release passes its window without a failed request.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class VerificationTests(DeployFixture fixture, ITestOutputHelper output)
{
    // This suite's own port range (19200-19299) so it never meets another worktree's run.
    private const int Port = 19201;

    [Fact]
    public async Task A_release_failing_every_write_is_reverted_under_load_and_a_good_release_passes()
    {
        await using var env = new TestEnvironment(fixture, output, app: "vrf" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        var config = env.Config with
        {
            HostPort = Port,
            // Latency on a loaded CI machine swings widely; this test is about the error rule, so the p99 rule is loose here.
            Verification = new VerificationPolicy { Window = TimeSpan.FromSeconds(8), MinRequests = 20, P99Factor = 10 },
        };
        var notes = new NotesClient(Port);
        var manager = env.Manager();
        var first = await manager.DeployAsync(env.Request(fixture.V1, config));
        Assert.Null(first.Verification); // nothing to go back to: no window

        await using var load = new WriteLoad(Port);
        await Task.Delay(1500); // a baseline for v1 at the edge

        // 2.0.0 answers /health/ready but fails every POST /notes.
        var bad = config.WithEnv(["NOTES_TEST_FAIL_WRITES=true"]);
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => manager.DeployAsync(env.Request(fixture.V2, bad)));
        var revertedAt = DateTimeOffset.UtcNow;
        output.WriteLine("bad release: " + failure.Message);
        var verdict = Assert.IsType<VerificationVerdict.Failed>(failure.Verdict);
        Assert.Contains("is above the limit maxErrorRate 5.0%", failure.Message);
        Assert.True(verdict.Window.Errors >= 20, verdict.Describe());
        Assert.True(verdict.Baseline is { Requests: > 0, Errors: 0 }, verdict.Describe()); // v1 measured before the switch
        Assert.Equal("1.0.0", await notes.VersionAsync());

        // Failures stop at the revert.
        await Task.Delay(1500);
        var failuresAfterRevert = load.Failures.Count(f => f.At > revertedAt.AddMilliseconds(200));
        output.WriteLine($"{load.Requests} writes so far; {load.Failures.Count} failed, {failuresAfterRevert} after the revert");
        Assert.Equal(0, failuresAfterRevert);
        Assert.NotEmpty(load.Failures);

        // The bad release is stopped and kept for inspection; the previous one never stopped.
        var releases = await env.ContainersAsync(ContainerRole.Release);
        var kept = Assert.Single(releases, r => r.Name == failure.Container);
        Assert.False(kept.Running);
        Assert.Single(releases, r => r.Running && r.Labels[ReleaseLabels.Version] == "1.0.0");

        var reverted = (await env.Manager().HistoryAsync(env.Id))[^1];
        Assert.Equal((ReleaseAction.Deploy, "2.0.0", ReleaseOutcome.Reverted), (reverted.Action, reverted.Version, reverted.Outcome));
        Assert.Contains("failed verification: error rate", reverted.Message);
        Assert.Contains("reverted", HistoryTable.Render(await env.Manager().HistoryAsync(env.Id)));

        // The same version with working writes passes its window with no failed request.
        var failedBefore = load.Failures.Count;
        var good = await manager.DeployAsync(env.Request(fixture.V2, config));
        output.WriteLine($"good release: {good.Verification?.Describe()} in {good.Duration.TotalSeconds:0.0}s");
        Assert.IsType<VerificationVerdict.Passed>(good.Verification);
        Assert.True(good.Duration >= TimeSpan.FromSeconds(8), "the window is part of the deploy");
        await load.DisposeAsync();
        Assert.Equal(failedBefore, load.Failures.Count);
        Assert.Equal("2.0.0", await notes.VersionAsync());
        var passed = (await env.Manager().HistoryAsync(env.Id))[^1];
        Assert.Equal(ReleaseOutcome.Succeeded, passed.Outcome);
        Assert.StartsWith("verified: ", passed.Message);
    }

    [Fact]
    public async Task A_smoke_test_reaches_the_candidate_through_the_edge_before_the_switch_and_a_failing_one_stops_the_deploy()
    {
        const int port = 19202;
        await using var env = new TestEnvironment(fixture, output, app: "vrf" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        // Through the public port with the header only the build knows: the candidate (2.0.0) answers while 1.0.0 serves everyone else.
        const string pinned = "curl -fsS -H \"$DRYDOCK_CANDIDATE_HEADER: $DRYDOCK_CANDIDATE_TOKEN\"";
        var smoke = $"{pinned} \"$DRYDOCK_SMOKE_URL/version\" | grep -q '2.0.0' && {pinned} -X POST -H 'Content-Type: application/json' -d '{{\"text\":\"smoke\"}}' \"$DRYDOCK_SMOKE_URL/notes\" >/dev/null";
        var config = env.Config with { HostPort = port, Smoke = smoke };
        var notes = new NotesClient(port);
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V1, config with { Smoke = null }));

        await using var load = new LoadRunner(port);
        var failure = await Assert.ThrowsAsync<DeployException>(() => manager.DeployAsync(env.Request(fixture.V2, config.WithEnv(["NOTES_TEST_FAIL_WRITES=true"]))));
        output.WriteLine("bad release: " + failure.Message.Split('\n')[0]);
        Assert.Contains("failed its smoke test", failure.Message);
        Assert.Contains("the edge never routed to it", failure.Message);
        Assert.Equal("1.0.0", await notes.VersionAsync());
        Assert.DoesNotContain(await env.ContainersAsync(ContainerRole.Release), r => r.Labels[ReleaseLabels.Version] == "2.0.0");

        var good = await manager.DeployAsync(env.Request(fixture.V2, config));
        Assert.Equal("2.0.0", await notes.VersionAsync());
        await load.DisposeAsync();
        Assert.Empty(load.Failures);
        Assert.Contains(env.Log.Lines, l => l.Contains("Smoke test of 2.0.0", StringComparison.Ordinal));
        Assert.Equal(good.Container, (await env.Manager().HistoryAsync(env.Id))[^1].Container);
    }
}
