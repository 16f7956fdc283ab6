using Drydock.Engine.Tooling;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>On the real engine, a Deploy of what serves replaces a release changed by hand.</summary>
[Collection(DeployCollection.Name)]
public sealed class DriftHealingTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_deploy_replaces_a_release_changed_with_docker_update_health_first_and_records_a_redeploy()
    {
        await using var env = new TestEnvironment(fixture, output, port: 19020);
        // No secret: otherwise every deploy makes a fresh container anyway (secret values are never recorded).
        var config = env.Config with { SecretEnv = [] };
        var manager = env.Manager();
        var deployed = await manager.DeployAsync(env.Request(fixture.V1, config));
        Assert.True((await manager.DeployAsync(env.Request(fixture.V1, config))).Unchanged);
        await env.Notes.AddAsync("before the drift");
        await env.Docker.Runner.RunAsync(new ToolCommand("docker", "update", "--memory", "600m", "--memory-swap", "1200m", deployed.Container));
        Assert.True((await manager.CheckDriftAsync(env.Id)).HasDrift);

        var healed = await manager.DeployAsync(env.Request(fixture.V1, config));

        Assert.False(healed.Unchanged);
        Assert.Equal(ReleaseAction.Redeploy, healed.Action);
        Assert.NotEqual(deployed.Container, healed.Container);
        Assert.Contains("has drifted from its release (configuration: memory limit", env.Log.Text);
        var history = await manager.HistoryAsync(env.Id);
        Assert.Equal((ReleaseAction.Redeploy, ReleaseOutcome.Succeeded, healed.Container), (history[^1].Action, history[^1].Outcome, history[^1].Container));
        Assert.False((await manager.CheckDriftAsync(env.Id)).HasDrift);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["before the drift"], await env.Notes.TextsAsync());
        Assert.True((await manager.DeployAsync(env.Request(fixture.V1, config))).Unchanged);
    }
}
