using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>Switching an environment's edge, with the deploy's words for what went wrong.</summary>
public static class EdgeSwitch
{
    /// <summary>
    /// Switches once the edge's own check of <see cref="RouteChange.HealthPath"/> passes (retried until <paramref name="timeout"/>),
    /// or at once without a health path. A refusal becomes a <see cref="DeployException"/> naming what still serves.
    /// </summary>
    /// <param name="still">The end of "the edge never routed to it and …", e.g. "notes-local-1.0.0-ab12cd still serves local".</param>
    public static async Task WhenHealthyAsync(
        DeployContext context, EdgeAdminClient admin, RouteChange change, string name, TimeSpan timeout, TimeSpan retryInterval, string still, CancellationToken cancellationToken)
    {
        try
        {
            if (change.HealthPath is null)
                await admin.SwitchAsync(change, cancellationToken);
            else
                await admin.SwitchWhenHealthyAsync(change, timeout, retryInterval, cancellationToken);
        }
        catch (EdgeAdminException e)
        {
            var why = e.UpstreamUnhealthy ? $"the edge's check of {change.HealthPath} on {name} kept failing for {timeout.TotalSeconds:0}s ({e.Detail})"
                : e.GenerationConflict ? "someone else switched the edge's route meanwhile"
                : e.Message;
            var diagnostics = e.UpstreamUnhealthy ? "\n" + await ContainerDiagnostics.DescribeAsync(context, name, null) : "";
            throw new DeployException($"{change.Version} did not become healthy: {why}. It was removed; the edge never routed to it and {still}.{diagnostics}", e);
        }
    }

    /// <summary>Routes back to <paramref name="previous"/> after a release that answered the edge turned out unhealthy; says what it did.</summary>
    public static async Task<string> BackAsync(DeployContext context, EdgeAdminClient admin, ActiveRouteView previous, string name)
    {
        try
        {
            await admin.SwitchAsync(new RouteChange(previous.Upstream, previous.Version), CancellationToken.None);
            await admin.WaitForDrainAsync(EdgeRoutes.Upstream(name, new EnvironmentConfig()), TimeSpan.FromSeconds(10), cancellationToken: CancellationToken.None);
            return $"The edge routes to {EdgeRoutes.Container(previous.Upstream)} again. ";
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
        {
            context.Log.Write(LogLevel.Error, $"Could not switch the edge back to {previous.Upstream}: {e.Message}");
            return $"Switching the edge back to {previous.Upstream} failed: {e.Message}. ";
        }
    }
}
