using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Replace, health first, on one engine. Docker cannot re-publish a port on a running container, so:
/// <list type="number">
/// <item>create the candidate (same image and configuration, published on an ephemeral loopback port) and the final
/// container (real port; created only, so it binds nothing yet) while the old one serves;</item>
/// <item>start the candidate and wait until it is healthy beside the old one; if it never is, show its logs and health
/// output, remove both, and fail with the old one untouched;</item>
/// <item>swap: stop the old one (SIGTERM, drain timeout), which frees the port, start the final container from the same
/// digest and configuration, and health-check it again on the real port. The gap (old stopping → new answering) is
/// measured. If the swap fails, the final container is removed and the old one started again.</item>
/// </list>
/// On a first deploy there is nothing to protect: the final container is started and verified directly.
/// </summary>
public sealed class ReplaceStrategy : IDeployStrategy
{
    public string Name => "replace";

    /// <summary>Each release publishes the port it was recorded with.</summary>
    public bool OwnsPort => false;

    public async Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var (context, spec, stamp, serving) = (rollout.Context, rollout.Spec, rollout.Stamp, rollout.Serving);
        var containers = context.Containers;
        var finalName = rollout.Container;
        var candidateName = serving is null ? null : spec.Id.Candidate(spec.Version, stamp.ReleaseId);
        try
        {
            if (serving is not null)
                await containers.CreateAsync(ContainerPlan.Candidate(spec, stamp, rollout.SecretValues), cancellationToken);
            await containers.CreateAsync(ContainerPlan.Release(spec, stamp, rollout.SecretValues), cancellationToken);
            if (serving is null)
                return await StartFirstAsync(context, spec, finalName, cancellationToken);
            await VerifyCandidateAsync(context, spec, candidateName!, serving, cancellationToken);
        }
        catch (Exception)
        {
            await containers.RemoveAsync(candidateName is null ? [finalName] : [candidateName, finalName], CancellationToken.None);
            throw;
        }
        await containers.RemoveAsync([candidateName!], CancellationToken.None);
        return await SwapAsync(context, spec, finalName, serving, rollout.Snapshot.Serving?.Recorded?.Spec.Config ?? spec.Config, cancellationToken);
    }

    private static async Task<RolloutResult> StartFirstAsync(DeployContext context, ReleaseSpec spec, string finalName, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        var endpoint = ProbeAddress.For(config, config.HostPort, config.Bind);
        context.Log.Write(LogLevel.Information, $"Starting {finalName} on {config.Bind}:{config.HostPort} (nothing serves {spec.Environment} yet)");
        await context.Containers.StartAsync(finalName, cancellationToken);
        var verdict = await ContainerDiagnostics.RequireHealthyAsync(context, finalName, endpoint, spec, $"nothing serves {spec.Environment} (nothing did before)", cancellationToken);
        context.Log.Write(LogLevel.Information, $"{finalName} is healthy after {verdict.Waited.TotalSeconds:0.0}s ({verdict.Reason})");
        return new RolloutResult(finalName, null, verdict) { Endpoint = endpoint };
    }

    private static async Task VerifyCandidateAsync(DeployContext context, ReleaseSpec spec, string candidateName, ContainerState serving, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        await context.Containers.StartAsync(candidateName, cancellationToken);
        var port = await context.Containers.PublishedPortAsync(candidateName, config.ContainerPort, cancellationToken);
        var endpoint = ProbeAddress.For(config, port, "127.0.0.1");
        context.Log.Write(LogLevel.Information, $"Verifying {candidateName} beside {serving.Name} on 127.0.0.1:{port} before switching the port");
        var verdict = await ContainerDiagnostics.RequireHealthyAsync(context, candidateName, endpoint, spec, StillServing.Before(serving.Name, spec.Environment).What, cancellationToken);
        context.Log.Write(LogLevel.Information, $"{candidateName} is healthy after {verdict.Waited.TotalSeconds:0.0}s ({verdict.Reason})");
    }

    /// <param name="servingConfig">The configuration the serving release was recorded with (its drain timeout, port and health path).</param>
    private static async Task<RolloutResult> SwapAsync(
        DeployContext context, ReleaseSpec spec, string finalName, ContainerState serving, EnvironmentConfig servingConfig, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        var endpoint = ProbeAddress.For(config, config.HostPort, config.Bind);
        var containers = context.Containers;
        var swapStarted = context.Time.GetUtcNow();
        var oldDrain = servingConfig.DrainTimeout;
        context.Log.Write(LogLevel.Information, $"Swapping: stopping {serving.Name} (SIGTERM, up to {oldDrain.TotalSeconds:0}s to drain), then starting {finalName} on {config.Bind}:{config.HostPort}");
        try
        {
            // From here on the old container is down: a Ctrl-C must not stop the restore below, only end the waiting.
            await containers.StopAsync(serving.Name, oldDrain, CancellationToken.None);
            var stopped = context.Time.GetUtcNow() - swapStarted;
            await containers.StartAsync(finalName, CancellationToken.None);
            var verdict = await context.Health.WaitAsync(finalName, endpoint, config.DeployTimeout, cancellationToken);
            if (!verdict.Healthy)
                throw new DeployException($"{finalName} did not become healthy on the real port: {verdict.Reason}");
            var gap = (verdict.FirstAnswer ?? context.Time.GetUtcNow()) - swapStarted;
            context.Log.Write(LogLevel.Information,
                $"{finalName} serves {spec.Environment}. Swap gap: {gap.TotalSeconds:0.00}s from stopping {serving.Name} to {finalName} answering"
                + (endpoint is null ? " (running; no health path to probe)" : $" on {endpoint.GetLeftPart(UriPartial.Authority)}")
                + $" (the old one took {stopped.TotalSeconds:0.00}s to stop)");
            return new RolloutResult(finalName, gap, verdict) { Endpoint = endpoint };
        }
        catch (Exception e)
        {
            var diagnostics = await ContainerDiagnostics.DescribeAsync(context, finalName, null);
            await containers.RemoveAsync([finalName], CancellationToken.None);
            var restored = await RestoreAsync(context, serving, servingConfig);
            if (e is OperationCanceledException)
                throw; // Ctrl-C: stopped, with the old release serving again.
            throw new DeployException($"The swap to {spec.Version} failed after stopping {serving.Name}: {e.Message}. {restored}\n{diagnostics}", e);
        }
    }

    /// <summary>Starts the old container again; never leaves the environment with nothing running.</summary>
    private static async Task<string> RestoreAsync(DeployContext context, ContainerState serving, EnvironmentConfig old)
    {
        try
        {
            await context.Containers.StartAsync(serving.Name, CancellationToken.None);
            var verdict = await context.Health.WaitAsync(serving.Name, ProbeAddress.For(old, old.HostPort, old.Bind), old.DeployTimeout, CancellationToken.None);
            var text = verdict.Healthy ? $"Restarted {serving.Name}, which serves again." : $"Restarted {serving.Name}, but it is not healthy: {verdict.Reason}.";
            context.Log.Write(verdict.Healthy ? LogLevel.Warning : LogLevel.Error, text);
            return text;
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException)
        {
            var text = $"Could not restart {serving.Name}: {e.Message}. Start it by hand: docker start {serving.Name}";
            context.Log.Write(LogLevel.Error, text);
            return text;
        }
    }
}
