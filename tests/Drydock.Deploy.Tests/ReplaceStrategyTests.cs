using Drydock.Docker;

namespace Drydock.Deploy.Tests;

/// <summary>The replace strategy's decisions, against a simulated docker CLI and HTTP probe.</summary>
public sealed class ReplaceStrategyTests
{
    private const string Secret = "hunter2-secret";
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly ReleaseSpec _spec = Samples.Spec("2.0.0", config: new EnvironmentConfig { DeployTimeout = TimeSpan.FromMilliseconds(400), SecretEnv = ["API_KEY"] });
    private readonly ReleaseStamp _stamp = Samples.Stamp("b2b2b2");
    private const string OldName = "notes-local-1.0.0-a1a1a1";
    private const string Candidate = "notes-local-2.0.0-b2b2b2-candidate";
    private const string Final = "notes-local-2.0.0-b2b2b2";

    private DeployContext Context(FakeProbe probe)
    {
        var containers = new EnvironmentContainers(new DockerCli(_engine));
        return new DeployContext(containers, new HealthWaiter(containers, probe, TimeProvider.System, _log) { PollInterval = TimeSpan.FromMilliseconds(5) }, _log, TimeProvider.System);
    }

    private async Task<ContainerState> ServingAsync(DeployContext context)
    {
        _engine.Add(OldName, ReleaseLabels.ForRelease(Samples.Spec("1.0.0", Samples.DigestB), Samples.Stamp("a1a1a1"), ContainerRole.Release), running: true, hostPort: 8080);
        return (await context.Containers.InspectAsync(OldName, CancellationToken.None))!;
    }

    private Rollout Rollout(DeployContext context, ContainerState? serving) =>
        new(context, _spec, _stamp, new EnvironmentSnapshot(_spec.Id, serving is null ? [] : [serving], []), new Dictionary<string, string> { ["API_KEY"] = Secret });

    private IReadOnlyList<string> Steps() =>
        _engine.Commands.Where(c => c[0] is "create" or "start" or "stop" or "rm" or "port")
            .Select(c => c[0] == "create" ? "create " + c[c.ToList().IndexOf("--name") + 1] : $"{c[0]} {c[^1]}")
            .ToList();

    [Fact]
    public async Task A_healthy_candidate_is_verified_beside_the_old_one_then_the_port_is_switched()
    {
        var context = Context(FakeProbe.AlwaysHealthy());
        var serving = await ServingAsync(context);

        var result = await new ReplaceStrategy().RollOutAsync(Rollout(context, serving), CancellationToken.None);

        Assert.Equal(Final, result.Container);
        Assert.NotNull(result.SwapGap);
        Assert.Equal(
        [
            $"create {Candidate}", $"create {Final}", $"start {Candidate}", "port 8080/tcp", $"rm {Candidate}",
            $"stop {OldName}", $"start {Final}",
        ], Steps());
        Assert.True(_engine.Containers[Final].Running);
        Assert.False(_engine.Containers[OldName].Running);
        Assert.False(_engine.Containers.ContainsKey(Candidate));
        Assert.Contains("Swap gap:", _log.Text);
    }

    [Fact]
    public async Task Secrets_reach_both_containers_through_the_docker_CLI_environment_never_a_file_or_a_command_line()
    {
        var context = Context(FakeProbe.AlwaysHealthy());
        await new ReplaceStrategy().RollOutAsync(Rollout(context, await ServingAsync(context)), CancellationToken.None);

        Assert.Equal(["API_KEY=hunter2-secret", "API_KEY=hunter2-secret"], _engine.ProcessEnvironmentSeen);
        Assert.Empty(_engine.EnvFilesSeen);
        Assert.DoesNotContain(_engine.Commands.SelectMany(c => c), argument => argument.Contains(Secret));
        Assert.DoesNotContain(_engine.Commands.Where(c => c[0] == "create").SelectMany(c => c), argument => argument == "--env-file");
        Assert.DoesNotContain(Secret, _log.Text);
    }

    [Fact]
    public async Task A_candidate_docker_calls_unhealthy_is_removed_and_the_old_one_is_never_stopped()
    {
        _engine.Health = name => name.EndsWith("-candidate", StringComparison.Ordinal) ? "unhealthy" : "healthy";
        var context = Context(FakeProbe.AlwaysHealthy());
        var serving = await ServingAsync(context);

        var error = await Assert.ThrowsAsync<DeployException>(() => new ReplaceStrategy().RollOutAsync(Rollout(context, serving), CancellationToken.None));

        Assert.Contains("2.0.0 did not become healthy: Docker reports", error.Message);
        Assert.Contains($"{OldName} still serves local", error.Message);
        Assert.Contains("fake health output", error.Message);
        Assert.Contains("fake log line 2", error.Message);
        Assert.DoesNotContain(_engine.Commands, c => c[0] == "stop");
        Assert.Equal([OldName], _engine.Containers.Keys);
        Assert.True(_engine.Containers[OldName].Running);
    }

    [Fact]
    public async Task A_candidate_whose_health_path_never_answers_2xx_fails_at_the_deploy_timeout()
    {
        var context = Context(new FakeProbe(uri => new HttpProbeResult(uri.Port == 8080 ? 200 : 404)));
        var serving = await ServingAsync(context);

        var error = await Assert.ThrowsAsync<DeployException>(() => new ReplaceStrategy().RollOutAsync(Rollout(context, serving), CancellationToken.None));

        Assert.Contains("was not healthy within", error.Message);
        Assert.Contains("HTTP 404 from http://127.0.0.1:41000/health/ready", error.Message);
        Assert.Equal([OldName], _engine.Containers.Keys);
    }

    [Fact]
    public async Task A_swap_that_fails_after_stopping_the_old_one_restarts_it()
    {
        // Healthy beside the old one, but never on the real port.
        var context = Context(new FakeProbe(uri => new HttpProbeResult(uri.Port == 8080 && !_engine.Containers[OldName].Running ? 503 : 200)));
        var serving = await ServingAsync(context);

        var error = await Assert.ThrowsAsync<DeployException>(() => new ReplaceStrategy().RollOutAsync(Rollout(context, serving), CancellationToken.None));

        Assert.Contains($"failed after stopping {OldName}", error.Message);
        Assert.Contains($"Restarted {OldName}, which serves again.", error.Message);
        Assert.Equal([$"stop {OldName}", $"start {Final}", $"rm {Final}", $"start {OldName}"], Steps().SkipWhile(s => !s.StartsWith("stop", StringComparison.Ordinal)));
        Assert.True(_engine.Containers[OldName].Running);
        Assert.False(_engine.Containers.ContainsKey(Final));
    }

    [Fact]
    public async Task A_cancelled_candidate_check_removes_what_it_created()
    {
        _engine.Health = _ => "starting";
        var context = Context(FakeProbe.AlwaysHealthy());
        var serving = await ServingAsync(context);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReplaceStrategy().RollOutAsync(Rollout(context, serving) with { Spec = _spec with { Config = _spec.Config with { DeployTimeout = TimeSpan.FromMinutes(1) } } }, cancel.Token));

        Assert.Equal([OldName], _engine.Containers.Keys);
        Assert.True(_engine.Containers[OldName].Running);
    }

    [Fact]
    public async Task A_first_deploy_starts_the_release_directly()
    {
        var context = Context(FakeProbe.AlwaysHealthy());

        var result = await new ReplaceStrategy().RollOutAsync(Rollout(context, null), CancellationToken.None);

        Assert.Null(result.SwapGap);
        Assert.Equal([$"create {Final}", $"start {Final}"], Steps());
        Assert.Equal(new Uri("http://127.0.0.1:8080/health/ready"), result.Endpoint);
    }

    [Fact]
    public async Task A_first_deploy_that_never_gets_healthy_leaves_nothing_behind()
    {
        _engine.Health = _ => "unhealthy";
        var context = Context(FakeProbe.AlwaysHealthy());

        var error = await Assert.ThrowsAsync<DeployException>(() => new ReplaceStrategy().RollOutAsync(Rollout(context, null), CancellationToken.None));

        Assert.Contains("nothing serves local", error.Message);
        Assert.Empty(_engine.Containers);
    }
}
