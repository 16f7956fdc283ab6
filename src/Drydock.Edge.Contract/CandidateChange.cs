namespace Drydock.Edge.Contract;

/// <summary>
/// The body of <c>PUT /candidate</c>: pin requests that carry <see cref="AdminPaths.CandidateHeader"/> to this upstream,
/// so smoke tests reach a new release through the real edge before the switch. The active route is unchanged.
/// </summary>
/// <param name="Upstream">Scheme, host and port, as in <see cref="RouteChange.Upstream"/>.</param>
public sealed record CandidateChange(string Upstream, string Version);

/// <summary>
/// What <c>PUT /candidate</c> answers: send <see cref="Header"/>: <see cref="Token"/> on a request to reach the candidate.
/// The token is shown only here; keep it out of logs. A request with a token that is not the current one gets 421.
/// </summary>
public sealed record CandidateView(string Upstream, string Version, string Header, string Token);

/// <summary>The candidate as <c>GET /routes</c> lists it (without its token).</summary>
public sealed record CandidateRouteView(string Upstream, string Version);
