using System.Security.Cryptography;
using Drydock.Edge.Contract;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The canary on the real edge and engine, under continuous writes from clients without cookies (each request a
/// new client, so the edge deals each one): a canary failing every write gets about its share (20% here) of the requests, fails
/// its window against the serving release's traffic in the same window, and is removed at once; a good canary shows in
/// Status during its window and is promoted at its end without a failed request.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class CanaryTests(DeployFixture fixture, ITestOutputHelper output)
{
    private const int Port = 22001;

    [Fact]
    public async Task A_failing_canary_gets_its_share_and_is_removed_and_a_good_one_is_promoted()
    {
        await using var env = new TestEnvironment(fixture, output, app: "ver3c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), port: Port);
        // A share and a request floor that a loaded CI machine (a few writes a second) still fills within the window.
        var config = env.Config with
        {
            Canary = CanaryShare.Parse("20%"),
            Verification = new VerificationPolicy { Window = TimeSpan.FromSeconds(6), MinRequests = 5, P99Factor = 10 },
        };
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V1, config));
        await using var load = new WriteLoad(Port, connections: 8, cookies: false);
        await Task.Delay(1000);

        var requestsBefore = load.Requests;
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => manager.DeployAsync(env.Request(fixture.V2, config.WithEnv(["NOTES_TEST_FAIL_WRITES=true"]))));
        var removedAt = DateTimeOffset.UtcNow;
        var requestsDuring = load.Requests - requestsBefore;
        var failed = load.Failures.Count;
        output.WriteLine($"bad canary: {failure.Message}\n{failed} of {requestsDuring} writes failed during the deploy");

        var verdict = Assert.IsType<VerificationVerdict.Failed>(failure.Verdict);
        Assert.Equal(verdict.Window.Requests, verdict.Window.Errors); // every canary write failed ...
        Assert.True(verdict.Baseline is { Requests: > 0, Errors: 0 }, verdict.Describe()); // ... while the serving release's, in the same window, did not
        Assert.Contains(CanaryJudgement.BaselineLabel, failure.Message);
        Assert.Contains("The canary's share was removed", failure.Message);
        // Only the canary's share failed: about 20% of the writes while it was set (fewer over the whole deploy), far from all of them.
        Assert.InRange(failed, 1, requestsDuring / 3);
        await Task.Delay(1000);
        Assert.Equal(0, load.Failures.Count(f => f.At > removedAt.AddMilliseconds(200)));
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
        var reverted = (await manager.HistoryAsync(env.Id))[^1];
        Assert.Equal(("2.0.0", ReleaseOutcome.Reverted), (reverted.Version, reverted.Outcome));
        Assert.Contains("failed verification: error rate", reverted.Message);

        // A good canary: Status shows its share and live numbers during the window, then it takes every request.
        var failedBefore = load.Failures.Count;
        var deploying = manager.DeployAsync(env.Request(fixture.V2, config));
        var status = await StatusDuringCanaryAsync(env, deploying);
        output.WriteLine(status);
        Assert.Contains("canary   ", status);
        Assert.Contains("(2.0.0, canary 20%)", status);
        var good = await deploying;
        Assert.True(good.Verification is { Passes: true }, good.Verification?.Describe());
        await load.DisposeAsync();
        Assert.Equal(failedBefore, load.Failures.Count);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        var history = await manager.HistoryAsync(env.Id);
        Assert.Equal(ReleaseOutcome.Succeeded, history[^1].Outcome);
        var table = HistoryTable.Render(history);
        output.WriteLine(table);
        Assert.Contains("reverted", table);
        Assert.Contains(CanaryJudgement.BaselineLabel, table);
        Assert.DoesNotContain(await env.ContainersAsync(ContainerRole.Release), r => r.Running && r.Labels[ReleaseLabels.Version] == "1.0.0");
    }

    /// <summary>Status as soon as the edge lists a canary (before the deploy ends).</summary>
    private static async Task<string> StatusDuringCanaryAsync(TestEnvironment env, Task deploying)
    {
        while (!deploying.IsCompleted)
        {
            var status = (await env.Manager().StatusAsync(env.Id)).Describe();
            if (status.Contains("canary   ", StringComparison.Ordinal))
                return status;
            await Task.Delay(200);
        }
        await deploying;
        throw new InvalidOperationException("The deploy ended before Status saw its canary.");
    }
}
