using System.Collections.Immutable;
using System.Text.Json;
using Drydock.Acme;
using Drydock.Edge.Contract;
using Drydock.Edge.State;

namespace Drydock.Edge.Routing;

/// <summary>
/// The edge's services, keyed by host: a request goes to the service its Host header and path match
/// (<see cref="HostMatcher"/>), else to the host-less <see cref="Default"/> service, which is all a per-environment
/// edge has. Every service keeps its slots in the same route state file format: the default's in
/// <c>&lt;state&gt;/routes.json</c>, a host's in <c>&lt;state&gt;/hosts/&lt;host&gt;[~prefix]/routes.json</c> beside its
/// <c>host.json</c>. The host services are an immutable map swapped in whole, so a request reads one consistent set
/// without a lock, and declaring a host never replaces another host's entry.
/// </summary>
public sealed class Router(string stateDirectory, RouteTable defaultRoutes, ServiceFactory services)
{
    private readonly object _gate = new();
    private ImmutableDictionary<ServiceKey, Service> _hosts = ImmutableDictionary<ServiceKey, Service>.Empty;

    /// <summary>The host-less service: every request no declared host takes.</summary>
    public Service Default { get; } = services.Create(ServiceKey.Default, TlsMode.Off, defaultRoutes);

    /// <summary>The declared host services (the default not among them).</summary>
    public IReadOnlyCollection<Service> Hosts => Volatile.Read(ref _hosts).Values.ToArray();

    private string HostsDirectory => Path.Combine(stateDirectory, "hosts");

    /// <summary>The service that takes a request for this Host header and path.</summary>
    public Service Resolve(string? requestHost, string? path)
    {
        var hosts = Volatile.Read(ref _hosts);
        return hosts.Count > 0 && HostMatcher.Match(hosts.Keys, requestHost, path) is { } key ? hosts[key] : Default;
    }

    public Service? Find(ServiceKey key) => key.IsDefault ? Default : Volatile.Read(ref _hosts).GetValueOrDefault(key);

    /// <summary>Whether any service of this host name serves HTTPS (the redirect applies to the whole name).</summary>
    public bool HasTls(string? requestHost) =>
        HostMatcher.HostOf(requestHost) is { } host && Volatile.Read(ref _hosts).Values.Any(s => s.Key.Host?.Value == host && s.Tls != TlsMode.Off);

    /// <summary>Declares (or re-declares with another TLS mode) a host service; its route and generation are kept.</summary>
    public Service Declare(ServiceKey key, TlsMode tls)
    {
        if (key.IsDefault)
            throw new ArgumentException("The host-less service is always there; declare a host.", nameof(key));
        lock (_gate)
        {
            var existing = Find(key);
            if (existing is not null && existing.Tls == tls)
                return existing;
            var directory = Path.Combine(HostsDirectory, key.DirectoryName);
            Directory.CreateDirectory(directory);
            var declaration = new HostDeclaration(key.Host!.Value, key.PathPrefix, tls);
            DurableFile.WriteText(Path.Combine(directory, HostDeclaration.FileName), JsonSerializer.Serialize(declaration, EdgeJson.Options));
            var service = existing is null ? services.Create(key, tls, directory, restored: null) : existing with { Tls = tls };
            Volatile.Write(ref _hosts, _hosts.SetItem(key, service));
            return service;
        }
    }

    /// <summary>Reads every saved host service; a directory that cannot be read is reported and skipped (the admin API can declare it again).</summary>
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
                    var declaration = JsonSerializer.Deserialize<HostDeclaration>(File.ReadAllText(Path.Combine(directory, HostDeclaration.FileName)), EdgeJson.Options)
                        ?? throw new InvalidDataException($"empty {HostDeclaration.FileName}");
                    var key = new ServiceKey(DnsName.Parse(declaration.Host), declaration.PathPrefix);
                    var restored = new RouteStateStore(directory).Load();
                    Volatile.Write(ref _hosts, _hosts.SetItem(key, services.Create(key, declaration.Tls, directory, restored)));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or JsonException or ArgumentException or UnauthorizedAccessException)
                {
                    problems.Add($"{directory}: {e.Message}");
                }
            }
        }
        return problems;
    }
}
