namespace Drydock.Edge.Contract;

/// <summary>What <c>PUT /routes</c> answers with 200.</summary>
/// <param name="Changed">False when the route already was exactly this upstream and version: nothing was written.</param>
/// <param name="Previous">The route before the call; null when there was none.</param>
public sealed record RouteSwitchResult(bool Changed, long Generation, ActiveRouteView Active, ActiveRouteView? Previous);
