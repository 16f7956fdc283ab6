using Drydock.Edge.Admin;
using Drydock.Edge.Proxy;

namespace Drydock.Edge.Routing;

/// <summary>
/// One service of the <see cref="Router"/>: its slots (the active route, the candidate and the canary, in
/// <see cref="Routes"/> with its own generation and state file), its own serialized switcher and its own forwarder, so
/// switching one service never touches another's route or traffic.
/// </summary>
public sealed record Service(ServiceKey Key, TlsMode Tls, RouteTable Routes, RouteSwitcher Switcher, PublicProxy Proxy);

/// <summary>
/// Where a host service's certificate comes from: ACME (HTTP-01 served by the edge), files the user provides, or plain
/// HTTP only (the host-less service is always <see cref="Off"/>).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TlsMode>))]
public enum TlsMode
{
    Off,
    Acme,
    Files,
}
