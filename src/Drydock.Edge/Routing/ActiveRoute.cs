namespace Drydock.Edge.Routing;

/// <summary>The route new requests take: immutable, replaced as a whole by a switch.</summary>
public sealed record ActiveRoute(Upstream Upstream, string Version, DateTimeOffset Since, long Generation);
