namespace Drydock.Edge.Contract;

/// <summary>What <c>GET /routes</c> answers: the active route and every upstream the edge still tracks (the active one and those it replaced).</summary>
/// <param name="Generation">Bumped by every switch that changed something; 0 before the first route. Persisted with the route.</param>
/// <param name="Active">Null until the first <c>PUT /routes</c>: the public listener then answers 503.</param>
public sealed record RouteTableView(long Generation, ActiveRouteView? Active, IReadOnlyList<UpstreamView> Upstreams)
{
    /// <summary>The release requests with the candidate header are pinned to (<c>PUT /candidate</c>); null when none.</summary>
    public CandidateRouteView? Candidate { get; init; }

    /// <summary>The release that gets a share of the requests beside the active route (<c>PUT /canary</c>); null when none.</summary>
    public CanaryView? Canary { get; init; }
}

/// <summary>The upstream that new requests go to, its version, and since when.</summary>
public sealed record ActiveRouteView(string Upstream, string Version, DateTimeOffset Since);

/// <summary>
/// One upstream's traffic as this edge process saw it. <see cref="InFlight"/> is what a deploy waits on: a replaced
/// upstream with no request in flight gets none any more, so it can be stopped.
/// </summary>
/// <param name="RetiredAt">When it stopped being the active upstream; null for the active one.</param>
/// <param name="Served">Requests answered since this edge process started (any status the upstream gave).</param>
/// <param name="Failed">Requests the upstream did not answer (connection refused or reset, timeout): a 502 or a cut response. A client that went away is not counted.</param>
public sealed record UpstreamView(string Upstream, bool Active, long InFlight, long Served, long Failed, DateTimeOffset? RetiredAt);
