using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Cleans up after a deploy that was killed (Ctrl-C, SIGKILL, a lost runner), run under the lock before every deploy
/// and rollback, so no one has to clean up by hand: candidates and never-started release containers are removed, and
/// if nothing serves (killed between stopping the old container and starting the new one) the release that served
/// last is started again.
/// </summary>
public static class InterruptedRunRecovery
{
    /// <param name="containers">Every container of the environment (any role), as listed under the lock.</param>
    /// <returns>Whether anything was removed or started (then <paramref name="containers"/> is out of date).</returns>
    public static async Task<bool> RecoverAsync(DeployContext context, string app, string environment, IReadOnlyList<ContainerState> containers, CancellationToken cancellationToken)
    {
        var log = context.Log;
        var changed = false;
        var candidates = containers.Where(c => ReleaseLabels.HasRole(c.Labels, ContainerRole.Candidate)).ToList();
        if (candidates.Count > 0)
        {
            log.Write(LogLevel.Warning, $"Removing {candidates.Count} candidate container(s) left by an interrupted run: {string.Join(", ", candidates.Select(c => c.Name))}");
            await context.Containers.RemoveAsync(candidates.Select(c => c.Id).ToArray(), cancellationToken);
            changed = true;
        }

        var releases = containers.Where(c => ReleaseLabels.HasRole(c.Labels, ContainerRole.Release)).ToList();
        var neverStarted = releases.Where(c => c.NeverStarted && !c.Running).ToList();
        if (neverStarted.Count > 0)
        {
            log.Write(LogLevel.Warning, $"Removing {neverStarted.Count} release container(s) an interrupted run created but never started: {string.Join(", ", neverStarted.Select(c => c.Name))}");
            await context.Containers.RemoveAsync(neverStarted.Select(c => c.Id).ToArray(), cancellationToken);
            changed = true;
        }

        var started = releases.Except(neverStarted).ToList();
        if (started.Count > 0 && !started.Any(c => c.Running))
        {
            var last = started.MaxBy(c => c.FinishedAt)!;
            log.Write(LogLevel.Warning, $"Nothing serves {environment} (an interrupted swap, or stopped by hand): starting {last.Name}, the release that served last");
            await context.Containers.StartAsync(last.Name, cancellationToken);
            changed = true;
            var config = ReleaseLabels.Read(last.Labels)?.Spec.Config ?? new EnvironmentConfig();
            // Behind an edge the host cannot reach the release (the edge's route is repaired by the strategy): Docker's health alone.
            var probe = ReleasePlacement.IsBehindEdge(last.Labels) ? null : ProbeAddress.For(config, config.HostPort, config.Bind);
            var verdict = await context.Health.WaitAsync(last.Name, probe, config.DeployTimeout, cancellationToken);
            log.Write(verdict.Healthy ? LogLevel.Information : LogLevel.Warning,
                verdict.Healthy ? $"{last.Name} serves {environment} again" : $"{last.Name} was started but is not healthy: {verdict.Reason}");
        }
        return changed;
    }
}
