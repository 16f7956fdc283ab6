using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// <see cref="UncertainSwitch"/> on the host-wide edge, host by host: after a failed rollout any host may route to the
/// new release (its switch applied though the answer was lost), so every host is read again; those that do go back to
/// their previous release, and the new release is removed only once no host routes to it.
/// </summary>
public static class UncertainHostSwitch
{
    /// <param name="hosts">Each of the environment's hosts with the route it had before the rollout (null: none).</param>
    public static async Task RemoveUnlessRoutedAsync(DeployContext context, EdgeAdminClient admin, IReadOnlyList<(string Host, ActiveRouteView? Previous)> hosts, ContainerName name, string newUpstream)
    {
        var after = await ReadAsync(context, admin);
        foreach (var (host, previous) in hosts)
        {
            if (UncertainSwitch.Decide(after is not null, Active(after, host), newUpstream, previous) != UncertainSwitchAction.RevertThenRemove)
                continue;
            context.Log.Write(LogLevel.Warning, $"{host} routes to {name}; switching it back to {previous!.Upstream} before removing {name}");
            await SwitchBackQuietlyAsync(context, admin, host, previous);
        }
        after = await ReadAsync(context, admin);
        var routed = hosts.Where(h => UncertainSwitch.Decide(after is not null, Active(after, h.Host), newUpstream, h.Previous) != UncertainSwitchAction.Remove).Select(h => h.Host).ToList();
        if (routed.Count == 0)
        {
            await context.Containers.RemoveAsync([name], CancellationToken.None);
            return;
        }
        context.Log.Write(LogLevel.Error,
            $"{name} was kept: {string.Join(", ", routed)} route to it (or the routes could not be read), and removing it would leave them routing to nothing. Deploy again to finish.");
    }

    private static ActiveRouteView? Active(IReadOnlyList<HostView>? views, string host) =>
        views?.FirstOrDefault(v => string.Equals(v.Host, host, StringComparison.OrdinalIgnoreCase))?.Active;

    private static async Task<IReadOnlyList<HostView>?> ReadAsync(DeployContext context, EdgeAdminClient admin)
    {
        try
        {
            return await admin.ListAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
        {
            context.Log.Write(LogLevel.Error, $"Could not read the edge's hosts after the failure: {e.Message}");
            return null;
        }
    }

    private static async Task SwitchBackQuietlyAsync(DeployContext context, EdgeAdminClient admin, string host, ActiveRouteView previous)
    {
        try
        {
            await admin.SwitchAsync(host, new RouteChange(previous.Upstream, previous.Version));
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException)
        {
            context.Log.Write(LogLevel.Error, $"Could not switch {host} back to {previous.Upstream}: {e.Message}");
        }
    }
}
