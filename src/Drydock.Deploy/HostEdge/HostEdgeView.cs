using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// The host-wide edge as read under the environment's lock: its container (null: none yet) and, when it runs, every
/// declared host route with its generation, active upstream and certificate status (<c>GET /hosts</c>).
/// </summary>
public sealed record HostEdgeView(string Name, ContainerState? Container, IReadOnlyList<HostView> Hosts)
{
    public static HostEdgeView None(string name) => new(name, null, []);

    /// <summary>The host's whole-site route (no path prefix); null when it is not declared.</summary>
    public HostView? Route(string host) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase) && h.PathPrefix is "" or "/");
}
