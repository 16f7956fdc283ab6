using System.Security.Cryptography;
using Drydock.Edge.Contract;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The early end of a window on the real engine: while a deploy holds the lock in a long window, Promote (the
/// <see cref="WindowControl"/> under <c>./build.sh Promote</c>) makes it keep its release now, and Rollback makes a
/// canary deploy revert now; each waits for the deploy and reports what it recorded.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class WindowControlTests(DeployFixture fixture, ITestOutputHelper output)
{
    private const int Port = 22002;
    private static readonly TimeSpan LongWindow = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Promote_ends_a_verification_window_now_and_Rollback_reverts_a_canary_now()
    {
        await using var env = new TestEnvironment(fixture, output, app: "ver3w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), port: Port);
        var config = env.Config with { Verification = new VerificationPolicy { Window = LongWindow, MinRequests = 20, P99Factor = 10 } };
        var manager = env.Manager();
        var control = new WindowControl(env.Docker, env.Log) { PollInterval = TimeSpan.FromMilliseconds(100) };
        var nothing = await control.EndAsync(env.Id, WindowAction.Promote, TimeSpan.FromSeconds(5));
        Assert.Contains("no deploy is running", Assert.IsType<WindowEnd.NoDeploy>(nothing).Reason);
        await manager.DeployAsync(env.Request(fixture.V1, config));

        // A plain window: 2.0.0 serves, 1.0.0 waits beside it; Promote ends the window long before its 60 s.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var deploying = manager.DeployAsync(env.Request(fixture.V2, config));
        await WhenLoggedAsync(env, deploying, "Verifying 2.0.0 on real traffic");
        var promoted = Assert.IsType<WindowEnd.Finished>(await control.EndAsync(env.Id, WindowAction.Promote, TimeSpan.FromSeconds(60)));
        var result = await deploying;
        output.WriteLine($"promoted after {clock.Elapsed.TotalSeconds:0.0}s: {result.Verification?.Describe()}");
        Assert.True(promoted.Honoured, promoted.Record?.Message);
        Assert.IsType<VerificationVerdict.EndedEarly>(result.Verification);
        Assert.True(clock.Elapsed < LongWindow, $"the window ended early ({clock.Elapsed.TotalSeconds:0.0}s)");
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Contains("promoted early by", (await manager.HistoryAsync(env.Id))[^1].Message);
        Assert.DoesNotContain(await env.ContainersAsync(ContainerRole.Release), r => r.Running && r.Labels[ReleaseLabels.Version] == "1.0.0");
        Assert.Null(await env.Docker.InspectContainerAsync(env.Id.WindowSignal)); // cleared once the deploy finished

        // A canary window: Rollback removes the canary now; 2.0.0 never stopped serving.
        var canary = config with { Canary = CanaryShare.Parse("25%") };
        deploying = manager.DeployAsync(env.Request(fixture.V3, canary));
        await WhenLoggedAsync(env, deploying, "Canary: 3.0.0 gets 25%");
        var reverted = Assert.IsType<WindowEnd.Finished>(await control.EndAsync(env.Id, WindowAction.Rollback, TimeSpan.FromSeconds(60)));
        var failure = await Assert.ThrowsAsync<VerificationFailedException>(() => deploying);
        output.WriteLine("rolled back: " + failure.Message);
        Assert.True(reverted.Honoured, reverted.Record?.Message);
        Assert.Equal((ReleaseOutcome.Reverted, "3.0.0"), (reverted.Record!.Outcome, reverted.Record.Version));
        Assert.Contains("with ./build.sh Rollback during the window", failure.Message);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        var routes = await new EnvironmentEdge(env.Docker, env.Log, fixture.Edge).Client((await env.ContainersAsync()).Single(c => c.Name.TrimStart('/') == env.Id.EdgeContainer)).GetRoutesAsync();
        Assert.Null(routes.Canary);
    }

    private static async Task WhenLoggedAsync(TestEnvironment env, Task deploying, string line)
    {
        while (!env.Log.Lines.Any(l => l.Contains(line, StringComparison.Ordinal)))
        {
            if (deploying.IsCompleted)
                await deploying; // throws what went wrong
            Assert.False(deploying.IsCompleted, $"The deploy ended before logging '{line}'.");
            await Task.Delay(100);
        }
    }
}
