using Drydock.Docker;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>The main story on one environment with the replace strategy (the release publishes the port itself): deploy, replace, a failed deploy, rollback, history, status, retention.</summary>
[Collection(DeployCollection.Name)]
public sealed class ReleaseLifecycleTests(DeployFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Deploy_replace_failed_deploy_rollback_and_history()
    {
        await using var env = new TestEnvironment(fixture, output, strategy: DeployStrategyKind.Replace);
        var manager = env.Manager();
        output.WriteLine($"fixture setup (publish x2, build x3, push x3): {fixture.SetupTime.TotalSeconds:0.0}s");

        // v1, and some notes in its volume.
        var first = await manager.DeployAsync(env.Request(fixture.V1));
        Assert.Null(first.SwapGap);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
        await env.Notes.AddAsync("written by v1");
        await env.Notes.AddAsync("also by v1");
        output.WriteLine($"first deploy of v1: {first.Duration.TotalSeconds:0.0}s");

        // v2 replaces it health first; the notes are all there, the old container is retained, stopped.
        var second = await manager.DeployAsync(env.Request(fixture.V2));
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["also by v1", "written by v1"], (await env.Notes.TextsAsync()).Order());
        Assert.Equal("1.0.0", second.ReplacedVersion);
        Assert.NotNull(second.SwapGap);
        Assert.InRange(second.SwapGap.Value, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        output.WriteLine($"deploy of v2: {second.Duration.TotalSeconds:0.0}s, swap gap {second.SwapGap.Value.TotalSeconds:0.00}s");
        Assert.Contains("Swap gap:", env.Log.Text);
        var afterSecond = await env.ContainersAsync(ContainerRole.Release);
        Assert.Single(afterSecond, c => c.Running && c.Labels[ReleaseLabels.Version] == "2.0.0");
        Assert.Single(afterSecond, c => !c.Running && c.Labels[ReleaseLabels.Version] == "1.0.0");
        await env.Notes.AddAsync("written by v2");

        // The hardening and configuration are what the environment says; the secret never reached the log.
        var serving = afterSecond.Single(c => c.Running);
        Assert.True(serving.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], serving.CapDrop);
        Assert.Contains("no-new-privileges", serving.SecurityOpt);
        Assert.Equal("unless-stopped", serving.RestartPolicy);
        Assert.Equal(512L * 1024 * 1024, serving.MemoryBytes);
        Assert.Equal("1654", serving.User);
        Assert.Contains(serving.PortBindings, p => p.HostIp == "127.0.0.1" && p.HostPort == env.Port);
        Assert.Contains(serving.Mounts, m => m.Name == env.Id.DataVolume && m.Destination == "/data");
        Assert.Contains("GREETING=hello from the environment", serving.Env);
        Assert.Contains($"{TestEnvironment.SecretName}={env.SecretValue}", serving.Env);
        Assert.DoesNotContain(env.SecretValue, env.Log.Text);
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "drydock-*.env"));

        // v3 never becomes healthy: the deploy fails with its logs, v2 keeps serving, the notes are intact.
        var broken = env.Config with { HealthPath = "/health/does-not-exist", DeployTimeout = TimeSpan.FromSeconds(8) };
        var failure = await Assert.ThrowsAsync<DeployException>(() => manager.DeployAsync(env.Request(fixture.V3, broken)));
        output.WriteLine("v3 failure: " + failure.Message);
        Assert.Contains("did not become healthy", failure.Message);
        Assert.Contains("still serves", failure.Message);
        Assert.Contains("log line(s)", failure.Message);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        Assert.Equal(3, (await env.Notes.TextsAsync()).Count);
        Assert.Empty(await env.ContainersAsync(ContainerRole.Candidate));
        Assert.DoesNotContain(await env.ContainersAsync(ContainerRole.Release), c => c.Labels[ReleaseLabels.Version] == "3.0.0");

        // Rollback: back to v1 (the previous successful release), from its recorded configuration; notes intact.
        var rollback = await env.Manager().RollbackAsync(env.Rollback());
        Assert.True(rollback.RolledBack, rollback.Message);
        Assert.Equal("1.0.0", rollback.Deploy!.Release.Version);
        Assert.Equal(RollbackSource.RetainedContainer, rollback.Source);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
        Assert.Equal(["also by v1", "written by v1", "written by v2"], (await env.Notes.TextsAsync()).Order());

        // Retention (keepReleases 1): only v2 stays stopped beside the serving v1.
        var afterRollback = await env.ContainersAsync(ContainerRole.Release);
        Assert.Equal(2, afterRollback.Count);
        Assert.Single(afterRollback, c => !c.Running && c.Labels[ReleaseLabels.Version] == "2.0.0");

        // History, read by a manager that never deployed (as a fresh runner would): every step, in order.
        var history = await env.Manager().HistoryAsync(env.Id);
        Assert.Equal(
            [(ReleaseAction.Deploy, "1.0.0", ReleaseOutcome.Succeeded), (ReleaseAction.Deploy, "2.0.0", ReleaseOutcome.Succeeded),
             (ReleaseAction.Deploy, "3.0.0", ReleaseOutcome.Failed), (ReleaseAction.Rollback, "1.0.0", ReleaseOutcome.Succeeded)],
            history.Select(r => (r.Action, r.Version, r.Outcome)));
        Assert.All(history, r => Assert.False(string.IsNullOrEmpty(r.Who)));
        Assert.Equal(fixture.V1.Digest, history[^1].Digest);
        Assert.Equal(fixture.V1.Commit, history[^1].Commit);
        Assert.Equal("2.0.0", history[^1].PreviousVersion);
        Assert.NotNull(history[1].SwapGapSeconds);
        Assert.Contains("did not become healthy", history[2].Message);
        output.WriteLine(HistoryTable.Render(history));

        // Status: v1 runs, healthy, matches the last successful release, no drift.
        var status = await env.Manager().StatusAsync(env.Id);
        output.WriteLine(status.Describe());
        Assert.Equal("1.0.0", status.ServingRelease!.Spec.Version);
        Assert.Equal(fixture.V1.Digest, status.ServingRelease.Spec.Digest);
        Assert.True(status.MatchesLastRelease);
        Assert.False(status.Drift!.HasDrift, status.Drift.Describe());
        Assert.Equal(["2.0.0"], status.Retained.Select(r => r.Spec.Version));
        Assert.Null(status.Lock);
    }

    [Fact]
    public async Task Rollback_with_a_single_release_says_so_and_changes_nothing()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V2));
        var before = await env.ContainersAsync();

        var result = await manager.RollbackAsync(env.Rollback());

        Assert.False(result.RolledBack);
        Assert.Contains("Only 2.0.0 has been deployed", result.Message);
        Assert.Contains("Nothing was changed", result.Message);
        Assert.Equal("2.0.0", await env.Notes.VersionAsync());
        var after = await env.ContainersAsync();
        Assert.Equal(before.Select(c => (c.Id, c.Running, c.StartedAt)).Order(), after.Select(c => (c.Id, c.Running, c.StartedAt)).Order());
        Assert.Single(await manager.HistoryAsync(env.Id));
    }

    [Fact]
    public async Task Rollback_to_a_version_only_the_registry_has()
    {
        await using var env = new TestEnvironment(fixture, output);
        var manager = env.Manager();
        await manager.DeployAsync(env.Request(fixture.V2));
        // The engine no longer has 1.0.0 at all: only the registry does, so the rollback pulls it by digest.
        await env.Docker.ExecuteAsync(new DockerImageRmSettings([fixture.V1.Tag, $"{fixture.V1.Repository}@{fixture.V1.Digest}"]) { Force = true });
        Assert.Null(await env.Docker.InspectImageAsync($"{fixture.V1.Repository}@{fixture.V1.Digest}"));

        var result = await manager.RollbackAsync(env.Rollback(toVersion: "1.0.0"));

        Assert.True(result.RolledBack, result.Message);
        Assert.Contains("pulling it by digest", env.Log.Text);
        Assert.Equal(RollbackSource.Registry, result.Source);
        Assert.Equal(fixture.V1.Digest, result.Deploy!.Release.Digest);
        Assert.Equal(fixture.V1.Commit, result.Deploy.Release.Commit);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());

        var unknown = await Assert.ThrowsAsync<DeployException>(() => manager.RollbackAsync(env.Rollback(toVersion: "9.9.9")));
        Assert.Contains("9.9.9", unknown.Message);
        Assert.Equal("1.0.0", await env.Notes.VersionAsync());
    }
}
