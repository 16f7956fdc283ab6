using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// One route change to ask of the edge once its own check of the release passes: the change, the release container it
/// routes to, how long the check may keep failing, and what still serves if it never passes.
/// </summary>
public sealed record EdgeSwitchRequest(RouteChange Change, ContainerName Container, TimeSpan Timeout, TimeSpan RetryInterval, StillServing Still)
{
    /// <summary>The deploy's words for an edge's refusal of this change.</summary>
    /// <param name="route">What was switched, for a conflict: the edge's route, or one host's.</param>
    public string Why(EdgeAdminException e, string route = "the edge's route") =>
        e.UpstreamUnhealthy ? $"the edge's check of {Change.HealthPath} on {Container} kept failing for {Timeout.TotalSeconds:0}s ({e.Detail})"
        : e.GenerationConflict ? $"someone else switched {route} meanwhile"
        : e.Message;
}

/// <summary>Switching an environment's edge, with the deploy's words for what went wrong.</summary>
public static class EdgeSwitch
{
    /// <summary>
    /// Switches once the edge's own check of <see cref="RouteChange.HealthPath"/> passes (retried until the request's
    /// timeout), or at once without a health path. A refusal becomes a <see cref="DeployException"/> naming what still serves.
    /// </summary>
    public static async Task WhenHealthyAsync(DeployContext context, EdgeAdminClient admin, EdgeSwitchRequest request, CancellationToken cancellationToken)
    {
        var change = request.Change;
        try
        {
            if (change.HealthPath is null)
                await admin.SwitchAsync(change, cancellationToken);
            else
                await admin.SwitchWhenHealthyAsync(change, request.Timeout, request.RetryInterval, cancellationToken);
        }
        catch (EdgeAdminException e)
        {
            var diagnostics = e.UpstreamUnhealthy ? "\n" + await ContainerDiagnostics.DescribeAsync(context, request.Container, null) : "";
            throw new DeployException($"{change.Version} did not become healthy: {request.Why(e)}. It was removed; {request.Still.NeverRouted}.{diagnostics}", e);
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
