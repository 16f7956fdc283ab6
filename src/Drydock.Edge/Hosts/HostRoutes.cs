using System.Collections.Immutable;
using System.Text.Json;
using Drydock.Acme;
using Drydock.Edge.Admin;
using Drydock.Edge.Contract;
using Drydock.Edge.Proxy;
using Drydock.Edge.Routing;
using Drydock.Edge.State;
using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Hosts;

/// <summary>
/// The declared host routes, each persisted under <c>&lt;state&gt;/hosts/&lt;host&gt;[~prefix]/</c> (<c>host.json</c> and
/// its own <c>routes.json</c>). The set is an immutable map swapped in whole, so a request reads one consistent set
/// without a lock; declaring a host never replaces another host's entry.
/// </summary>
public sealed class HostRoutes(string stateDirectory, IHttpForwarder forwarder, HttpMessageInvoker invoker, UpstreamHealthCheck health, ILoggerFactory logs)
{
    private readonly object _gate = new();
    private ImmutableDictionary<HostRouteKey, HostRoute> _routes = ImmutableDictionary<HostRouteKey, HostRoute>.Empty;

    private string HostsDirectory => Path.Combine(stateDirectory, "hosts");

    public IReadOnlyCollection<HostRoute> All => Volatile.Read(ref _routes).Values.ToArray();

    public HostRoute? Match(string? requestHost, string? path)
    {
        var routes = Volatile.Read(ref _routes);
        return routes.Count == 0 ? null : HostMatcher.Match(routes.Keys, requestHost, path) is { } key ? routes[key] : null;
    }

    public HostRoute? Find(HostRouteKey key) => Volatile.Read(ref _routes).GetValueOrDefault(key);

    /// <summary>Whether any route of this host name serves HTTPS (the redirect applies to the whole name).</summary>
    public bool HasTls(string? requestHost) =>
        HostMatcher.HostOf(requestHost) is { } host && Volatile.Read(ref _routes).Values.Any(r => r.Key.Host.Value == host && r.Tls != TlsMode.Off);

    /// <summary>Declares (or re-declares with another TLS mode) a host route; its route and generation are kept.</summary>
    public HostRoute Declare(HostRouteKey key, TlsMode tls)
    {
        lock (_gate)
        {
            var existing = Find(key);
            if (existing is not null && existing.Tls == tls)
                return existing;
            var directory = Path.Combine(HostsDirectory, key.DirectoryName);
            Directory.CreateDirectory(directory);
            var declaration = new HostDeclaration(key.Host.Value, key.PathPrefix, tls);
            var temporary = Path.Combine(directory, $".host.json.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, JsonSerializer.Serialize(declaration, EdgeJson.Options));
            File.Move(temporary, Path.Combine(directory, "host.json"), overwrite: true);
            var route = existing is null ? Create(key, tls, directory, restored: null) : existing with { Tls = tls };
            Volatile.Write(ref _routes, _routes.SetItem(key, route));
            return route;
        }
    }

    /// <summary>Reads every saved host route; a directory that cannot be read is reported and skipped (the admin API can declare it again).</summary>
    public IReadOnlyList<string> Restore()
    {
        var problems = new List<string>();
        if (!Directory.Exists(HostsDirectory))
            return problems;
        lock (_gate)
        {
            foreach (var directory in Directory.EnumerateDirectories(HostsDirectory))
            {
                try
                {
                    var declaration = JsonSerializer.Deserialize<HostDeclaration>(File.ReadAllText(Path.Combine(directory, "host.json")), EdgeJson.Options)
                        ?? throw new InvalidDataException("empty host.json");
                    var key = new HostRouteKey(DnsName.Parse(declaration.Host), declaration.PathPrefix);
                    var restored = new RouteStateStore(directory).Load();
                    _routes = _routes.SetItem(key, Create(key, declaration.Tls, directory, restored));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException or UnauthorizedAccessException)
                {
                    problems.Add($"{directory}: {e.Message}");
                }
            }
        }
        return problems;
    }

    private HostRoute Create(HostRouteKey key, TlsMode tls, string directory, RouteState? restored)
    {
        var table = new RouteTable(new RouteStateStore(directory), TimeProvider.System, restored);
        var switcher = new RouteSwitcher(table, health, logs.CreateLogger<RouteSwitcher>());
        var proxy = new PublicProxy(table, forwarder, invoker, logs.CreateLogger<PublicProxy>());
        return new HostRoute(key, tls, table, switcher, proxy);
    }
}
