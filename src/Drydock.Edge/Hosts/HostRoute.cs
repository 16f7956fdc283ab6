using Drydock.Edge.Admin;
using Drydock.Edge.Proxy;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Hosts;

/// <summary>
/// One declared host route: its own route table (own generation, own state file), its own serialized switcher and its
/// own forwarder, so switching it never touches another host's route or traffic.
/// </summary>
public sealed record HostRoute(HostRouteKey Key, TlsMode Tls, RouteTable Routes, RouteSwitcher Switcher, PublicProxy Proxy);
