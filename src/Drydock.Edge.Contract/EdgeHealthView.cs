namespace Drydock.Edge.Contract;

/// <summary>
/// What <c>GET /health</c> answers (always 200 while the process serves): the edge is healthy once it listens, route
/// or not, because the first route is set after the edge is up.
/// </summary>
public sealed record EdgeHealthView(string Status, string EdgeVersion, bool Routed, ActiveRouteView? Active);
