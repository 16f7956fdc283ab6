using Drydock.Edge.Contract;
using System.Net;

namespace Drydock.Edge.Admin;

/// <summary>
/// Who may talk to the admin listener. The port is published on the host's loopback only, but inside the container it
/// listens on the private network too, where the environment's app containers live; so by default only connections
/// from loopback (the self-probe) and from the default gateway (the host, through the published port) are served.
/// <c>EDGE_ADMIN_ALLOW=any</c> turns that check off for setups where the host's connections arrive from elsewhere.
/// Independently of it, a request that went through a proxy (it carries <c>X-Forwarded-For</c> or <c>Forwarded</c>,
/// which the edge's own forwarder always sets) is never served: not even an upstream misconfigured to point back at the
/// admin port turns the public listener into a way in.
/// </summary>
public sealed class AdminAccessPolicy
{
    private readonly IReadOnlyList<IPAddress> _gateways;

    private AdminAccessPolicy(bool allowAny, IReadOnlyList<IPAddress> gateways)
    {
        AllowsAny = allowAny;
        _gateways = gateways;
    }

    public bool AllowsAny { get; }

    public IReadOnlyList<IPAddress> Gateways => _gateways;

    public static AdminAccessPolicy Any { get; } = new(true, []);

    public static AdminAccessPolicy HostOnly(IReadOnlyList<IPAddress> gateways) => new(false, gateways);

    /// <summary><c>EDGE_ADMIN_ALLOW</c>: <c>host</c> (default) or <c>any</c>.</summary>
    public static AdminAccessPolicy Parse(string? setting, Func<IReadOnlyList<IPAddress>> gateways) =>
        (setting ?? "host").Trim().ToLowerInvariant() switch
        {
            "" or "host" => HostOnly(gateways()),
            "any" => Any,
            _ => throw new FormatException($"{EdgeEnvironment.AdminAllow} must be 'host' or 'any', not '{setting}'."),
        };

    public static bool IsForwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded");

    public bool Allows(IPAddress? remote)
    {
        if (AllowsAny)
            return true;
        if (remote is null)
            return false; // not a connection that can be placed: refuse
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || _gateways.Contains(remote);
    }
}
