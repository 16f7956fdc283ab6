using System.Diagnostics;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>One deploy at a time per environment, and recovery from a deploy killed at any step.</summary>
[Collection(DeployCollection.Name)]
public sealed class ConcurrencyAndRecoveryTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_deploy_is_refused_naming_the_holder()
    {
        await using var env = new TestEnvironment(fixture, output);
        await env.Manager().DeployAsync(env.Request(fixture.V1));

        var first = env.Manager().DeployAsync(env.Request(fixture.V2));
        await WaitUntilAsync(async () => (await env.ContainersAsync(ContainerRole.Lock)).Count > 0 || first.IsCompleted, TimeSpan.FromSeconds(60));
        Assert.False(first.IsCompleted, "the first deploy finished before the second could collide with it");

        var refused = await Assert.ThrowsAsync<DeployLockedException>(() => env.Manager().DeployAsync(env.Request(fixture.V1)));
        output.WriteLine(refused.Message);
        Assert.Contains($"pid {Environment.ProcessId}", refused.Message);
        Assert.Contains(ProcessIdentity.Actor(Environment.GetEnvironmentVariable), refused.Message);
        Assert.Contains("deploy 2.0.0", refused.Message);
        Assert.Contains("since", refused.Message);

        await first;
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Empty(await env.ContainersAsync(ContainerRole.Lock));
    }

    [Theory]
    [InlineData(DeployStrategyKind.Edge)]
    [InlineData(DeployStrategyKind.Replace)]
    public async Task A_deploy_killed_with_SIGKILL_leaves_the_service_serving_and_the_next_deploy_recovers(DeployStrategyKind strategy)
    {
        await using var env = new TestEnvironment(fixture, output, strategy: strategy);
        await env.Manager().DeployAsync(env.Request(fixture.V1));
        await env.Notes.AddAsync("before the kill");

        var request = Path.Combine(fixture.WorkDirectory, $"{env.App}-request.json");
        await HarnessProgram.WriteRequestAsync(request, env.Request(fixture.V2));
        using var harness = HarnessProcess.StartDeploy(request, Path.Combine(fixture.WorkDirectory, $"{env.App}-harness.log"),
            new Dictionary<string, string> { [TestEnvironment.SecretName] = env.SecretValue });
        // Mid-way: the new release is up beside v1 (a candidate with replace; on the network, not routed yet, with the edge) and the lock is held.
        await WaitUntilAsync(async () => (strategy == DeployStrategyKind.Replace
                ? (await env.ContainersAsync(ContainerRole.Candidate)).Any(c => c.Running)
                : (await env.ContainersAsync(ContainerRole.Release)).Any(c => c.Running && c.Labels[ReleaseLabels.Version] == "2.0.0"))
            || harness.Process.HasExited, TimeSpan.FromSeconds(90));
        Assert.False(harness.Process.HasExited, "the harness ended before it could be killed:\n" + harness.Output);
        harness.KillHard();
        await harness.Process.WaitForExitAsync();
        output.WriteLine("harness output until the kill:\n" + harness.Output);

        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
        Assert.Single(await env.ContainersAsync(ContainerRole.Lock));

        var clock = Stopwatch.StartNew();
        var result = await env.Manager().DeployAsync(env.Request(fixture.V2));
        output.WriteLine($"recovering deploy: {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.Contains("Taking over the deploy lock", env.Log.Text);
        Assert.Contains("is no longer running", env.Log.Text);
        Assert.Contains(strategy == DeployStrategyKind.Replace ? "left by an interrupted run" : "never routed to", env.Log.Text);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["before the kill"], await env.Notes.TextsAsync());
        Assert.Empty(await env.ContainersAsync(ContainerRole.Candidate));
        Assert.Empty(await env.ContainersAsync(ContainerRole.Lock));
        Assert.Single(await env.ContainersAsync(ContainerRole.Release), c => c.Running && c.Name == result.Container);
    }

    [Fact]
    public async Task An_edge_routing_to_a_removed_container_is_repaired_by_the_next_deploy()
    {
        await using var env = new TestEnvironment(fixture, output);
        await env.Manager().DeployAsync(env.Request(fixture.V1));
        var second = await env.Manager().DeployAsync(env.Request(fixture.V2));
        // The routed release disappears behind the edge's back: the edge answers 502 until someone repairs it.
        await env.Docker.ExecuteAsync(new Drydock.Docker.DockerRmSettings(second.Container) { Force = true });

        var repaired = await env.Manager().DeployAsync(env.Request(fixture.V2));

        // First the edge goes back to the last good release that still exists (v1, restarted), then v2 is deployed as usual.
        Assert.Contains("which is gone; routing to", env.Log.Text);
        Assert.Contains("1.0.0", env.Log.Text.Split('\n').First(l => l.Contains("which is gone", StringComparison.Ordinal)));
        Assert.Equal("1.0.0", repaired.ReplacedVersion);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
    }

    [Fact]
    public async Task When_nothing_serves_after_an_interrupted_swap_the_next_run_starts_the_last_release_first()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V1));
        // What a SIGKILL between "stop old" and "start new" leaves: the old one stopped, the new one created only.
        var serving = Assert.Single(await env.ContainersAsync(ContainerRole.Release));
        await env.Docker.StopAsync(new Drydock.Docker.DockerStopSettings(serving.Name));

        var rollback = await manager.RollbackAsync(env.Rollback());

        Assert.False(rollback.RolledBack);
        Assert.Contains("starting " + serving.Name, env.Log.Text);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0}s.");
            await Task.Delay(100);
        }
    }
}
