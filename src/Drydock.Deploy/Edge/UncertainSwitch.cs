using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

public enum UncertainSwitchAction
{
    /// <summary>The edge does not route to the new release: remove it, the old one keeps serving.</summary>
    Remove,

    /// <summary>The switch was applied though its answer was lost: route back to the old release first, then remove the new one.</summary>
    RevertThenRemove,

    /// <summary>The edge routes to the new release (or cannot be read) and nothing else can serve: keep it.</summary>
    Keep,
}

/// <summary>
/// After a rollout failed with a switch possibly in flight (an admin timeout, a cancelled <c>docker exec</c>): the edge may
/// already route to the new release, so its route is read again before anything is removed. A route never names a
/// removed container.
/// </summary>
public static class UncertainSwitch
{
    /// <param name="after">The edge's route table read after the failure; null: it could not be read.</param>
    public static UncertainSwitchAction Decide(RouteTableView? after, string newUpstream, ActiveRouteView? previous) =>
        Decide(after is not null, after?.Active, newUpstream, previous);

    /// <param name="read">Whether the route could be read after the failure.</param>
    /// <param name="after">The active route read then (one host's, on the host-wide edge); null: none.</param>
    public static UncertainSwitchAction Decide(bool read, ActiveRouteView? after, string newUpstream, ActiveRouteView? previous)
    {
        if (!read)
            return UncertainSwitchAction.Keep;
        if (!string.Equals(after?.Upstream, newUpstream, StringComparison.OrdinalIgnoreCase))
            return UncertainSwitchAction.Remove;
        return previous is null ? UncertainSwitchAction.Keep : UncertainSwitchAction.RevertThenRemove;
    }

    /// <summary>Carries the decision out: removes the new release only once the edge does not route to it; says what it did when it kept it.</summary>
    public static async Task RemoveUnlessRoutedAsync(DeployContext context, RunningEdge edge, ContainerName name, string newUpstream, ActiveRouteView? previous)
    {
        using var admin = edge.CreateClient();
        var action = Decide(await ReadAsync(context, admin), newUpstream, previous);
        if (action == UncertainSwitchAction.RevertThenRemove)
        {
            context.Log.Write(LogLevel.Warning, $"{edge.Container} routes to {name} though the switch did not answer; switching it back before removing {name}");
            await EdgeSwitch.BackAsync(context, admin, previous!, name);
            action = Decide(await ReadAsync(context, admin), newUpstream, previous) == UncertainSwitchAction.Remove ? UncertainSwitchAction.Remove : UncertainSwitchAction.Keep;
        }
        if (action == UncertainSwitchAction.Remove)
        {
            await context.Containers.RemoveAsync([name], CancellationToken.None);
            return;
        }
        context.Log.Write(LogLevel.Error,
            $"{name} was kept: {edge.Container} routes to it (or its route could not be read), and removing it would leave the edge routing to nothing. See the edge's route with: docker exec {edge.Container} {EdgeAdminExec.EdgeBinary} admin routes; Deploy again to finish.");
    }

    private static async Task<RouteTableView?> ReadAsync(DeployContext context, EdgeAdminClient admin)
    {
        try
        {
            return await admin.GetRoutesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
        {
            context.Log.Write(LogLevel.Error, $"Could not read the edge's route after the failure: {e.Message}");
            return null;
        }
    }
}
