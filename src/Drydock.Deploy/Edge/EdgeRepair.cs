using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>Carries out an <see cref="EdgeRouteRepair"/> decided from the snapshot (start the target, switch to it, stop or remove the rest), after removing a canary an interrupted deploy left.</summary>
public static class EdgeRepair
{
    /// <returns>Whether anything was started, switched, stopped or removed (then the snapshot is out of date).</returns>
    public static async Task<bool> RunAsync(DeployContext context, EnvironmentSnapshot snapshot, EdgeView edge, EnvironmentConfig config, TimeSpan retryInterval, CancellationToken cancellationToken)
    {
        // A canary lives only in a deploy's window, under the lock this run now holds: one still set was left by a killed
        // deploy. Its share goes back to the active route first, before its release is stopped or removed below.
        var clearedCanary = false;
        if (edge.Routes.Canary is { } leftover)
        {
            context.Log.Write(LogLevel.Warning, $"Repairing {snapshot.Id.Name}'s edge: it still sends {leftover.Share} of requests to the canary {leftover.Upstream} ({leftover.Version}) of an interrupted deploy; removing the canary");
            using var admin = edge.Running.CreateClient();
            await admin.ClearCanaryAsync(cancellationToken);
            clearedCanary = true;
        }
        var repair = EdgeRouteRepair.Decide(edge.RoutedContainer, snapshot.ReleaseStates, snapshot.LastSucceededContainer, snapshot.RecordedContainers);
        if (repair.NothingToDo)
            return clearedCanary;
        context.Log.Write(LogLevel.Warning, $"Repairing {snapshot.Id.Name}'s edge: {repair.Reason}");
        if (repair.Target is { } target)
        {
            var targetConfig = snapshot.Releases.FirstOrDefault(r => r.Container == target)?.Recorded?.Spec.Config ?? config;
            if (repair.StartTarget)
            {
                await context.Containers.StartAsync(target.Name, cancellationToken);
                var verdict = await context.Health.WaitAsync(target.Name, null, targetConfig.DeployTimeout, cancellationToken);
                if (!verdict.Healthy)
                    context.Log.Write(LogLevel.Warning, $"{target.Name} was started but is not healthy: {verdict.Reason}");
            }
            if (repair.Switch)
            {
                var version = target.Labels.GetValueOrDefault(ReleaseLabels.Version) ?? "unknown";
                var change = new RouteChange(EdgeRoutes.Upstream(target.Name, targetConfig), version) { HealthPath = targetConfig.HealthPath, ExpectedGeneration = edge.Routes.Generation };
                using var admin = edge.Running.CreateClient();
                await EdgeSwitch.WhenHealthyAsync(context, admin, new EdgeSwitchRequest(change, new ContainerName(target.Name), targetConfig.DeployTimeout, retryInterval, new StillServing("the edge's route is unchanged")), cancellationToken);
                context.Log.Write(LogLevel.Warning, $"The edge routes {snapshot.Id.Name} to {target.Name} ({version}) again");
            }
        }
        foreach (var container in repair.Stop)
        {
            context.Log.Write(LogLevel.Warning, $"Stopping {container.Name}: it runs but the edge does not route to it (kept for rollback)");
            await context.Containers.StopAsync(container.Name, config.DrainTimeout, cancellationToken);
        }
        if (repair.Remove.Count > 0)
        {
            context.Log.Write(LogLevel.Warning, $"Removing {string.Join(", ", repair.Remove.Select(c => c.Name))}: started by an interrupted run, never routed to");
            await context.Containers.RemoveAsync(repair.Remove.Select(c => c.Id).ToArray(), cancellationToken);
        }
        return true;
    }
}
