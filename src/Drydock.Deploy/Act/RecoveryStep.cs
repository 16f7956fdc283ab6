using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>Carries out a <see cref="RecoveryPlan"/>: removes what an interrupted run left half-made, and starts the release that served last when nothing serves.</summary>
public static class RecoveryStep
{
    public static async Task RunAsync(DeployContext context, EnvironmentId environment, RecoveryPlan plan, CancellationToken cancellationToken)
    {
        var log = context.Log;
        if (plan.RemoveCandidates.Count > 0)
        {
            log.Write(LogLevel.Warning, $"Removing {plan.RemoveCandidates.Count} candidate container(s) left by an interrupted run: {string.Join(", ", plan.RemoveCandidates.Select(c => c.Name))}");
            await context.Containers.RemoveAsync(plan.RemoveCandidates.Select(c => c.Id).ToArray(), cancellationToken);
        }
        if (plan.RemoveNeverStarted.Count > 0)
        {
            log.Write(LogLevel.Warning, $"Removing {plan.RemoveNeverStarted.Count} release container(s) an interrupted run created but never started: {string.Join(", ", plan.RemoveNeverStarted.Select(c => c.Name))}");
            await context.Containers.RemoveAsync(plan.RemoveNeverStarted.Select(c => c.Id).ToArray(), cancellationToken);
        }
        if (plan.Restart is not { } last)
            return;
        log.Write(LogLevel.Warning, $"Nothing serves {environment.Name} (an interrupted swap, or stopped by hand): starting {last.Name}, the release that served last");
        await context.Containers.StartAsync(last.Name, cancellationToken);
        // Behind an edge the host cannot reach the release (the edge's route is repaired by the strategy): Docker's health alone.
        var verdict = await context.Health.WaitAsync(last.Name, plan.RestartProbe, plan.RestartConfig.DeployTimeout, cancellationToken);
        log.Write(verdict.Healthy ? LogLevel.Information : LogLevel.Warning,
            verdict.Healthy ? $"{last.Name} serves {environment.Name} again" : $"{last.Name} was started but is not healthy: {verdict.Reason}");
    }
}
