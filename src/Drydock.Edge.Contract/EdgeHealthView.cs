namespace Drydock.Edge.Contract;

/// <summary>
/// What <c>GET /health</c> answers (always 200 while the process serves): the edge is healthy once it listens, route
/// or not, because the first route is set after the edge is up. <see cref="Status"/> is "ok", or "degraded" with
/// <see cref="Problems"/> (an ACME certificate near expiry whose renewal fails) while it keeps serving.
/// </summary>
public sealed record EdgeHealthView(string Status, string EdgeVersion, bool Routed, ActiveRouteView? Active, IReadOnlyList<string>? Problems = null);
