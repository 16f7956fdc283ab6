using Drydock.Acme;

namespace Drydock.Deploy;

/// <summary>
/// What the host-wide edge needs before one environment's release can be switched in, decided from a
/// <see cref="HostEdgeView"/> alone: the edge container (kept, started, created; a running edge made from other settings
/// is kept unless an upgrade was asked for, since recreating it closes 80/443 for every app), the host names to declare
/// (new, or declared with another TLS mode), and the hosts whose certificate must be in place before the switch.
/// A host already routed to a container that is not one of this environment's is a conflict: nothing is changed.
/// </summary>
public sealed record HostEdgePlan(
    EdgeContainerAction Container,
    string Reason,
    IReadOnlyList<DnsName> Declare,
    IReadOnlyList<DnsName> Certify,
    IReadOnlyList<string> Conflicts)
{
    /// <summary>Whether the edge runs now: a recreate then replaces it beside itself (<see cref="EdgeReplacement"/>).</summary>
    public bool Running { get; init; }

    /// <param name="ownContainers">Names of every container of this environment (from its listing): the only ones its hosts may already route to.</param>
    public static HostEdgePlan Decide(HostEdgeView view, HostEdgeSpec spec, EnvironmentHttps https, IReadOnlyCollection<string> ownContainers, bool allowRecreate = false)
    {
        var (action, reason) = EdgeContainerDecision.Decide(view.Container, spec, allowRecreate);
        var tls = https.Tls.ToString().ToLowerInvariant();
        // A stopped or new edge lists no hosts: every host is (re-)declared, which is idempotent on the edge.
        var routes = action is EdgeContainerAction.Keep or EdgeContainerAction.KeepOutdated or EdgeContainerAction.Refuse ? view : HostEdgeView.None(view.Name);
        var declare = new List<DnsName>();
        var conflicts = new List<string>();
        if (action == EdgeContainerAction.Refuse)
            conflicts.Add(reason);
        foreach (var host in https.HostNames)
        {
            var route = routes.Route(host.Value);
            if (route is null || !string.Equals(route.Tls, tls, StringComparison.OrdinalIgnoreCase))
                declare.Add(host);
            if (EdgeRoutes.Container(route?.Active?.Upstream) is { } routed && !ownContainers.Contains(routed, StringComparer.OrdinalIgnoreCase))
                conflicts.Add($"{host.Value} is routed to {routed}, which is not a release of this environment: remove {host.Value} from the other environment's hosts (or pick another name). Nothing was changed.");
        }
        // Files: uploaded on every deploy (the edge checks and stores them; no CA is asked). ACME: asked every deploy,
        // answered at once from the volume while the certificate is not due for renewal (no re-issue, rate-limit friendly).
        var certify = https.Tls == HostTlsMode.Off ? [] : https.HostNames;
        return new HostEdgePlan(action, reason, declare, certify, conflicts) { Running = view.Container is { Running: true } };
    }

    /// <summary>Pure: whether the hosts already route to <paramref name="serving"/> with the TLS mode asked for (a deploy then has nothing to do).</summary>
    public static bool Routes(HostEdgeView? view, EnvironmentHttps https, string serving)
    {
        if (view?.Container is not { Running: true })
            return false;
        var tls = https.Tls.ToString().ToLowerInvariant();
        return https.HostNames.All(host => view.Route(host.Value) is { } route
            && string.Equals(route.Tls, tls, StringComparison.OrdinalIgnoreCase)
            && string.Equals(EdgeRoutes.Container(route.Active?.Upstream), serving, StringComparison.OrdinalIgnoreCase)
            && (https.Tls == HostTlsMode.Off || route.Certificate is { Valid: true }));
    }
}
