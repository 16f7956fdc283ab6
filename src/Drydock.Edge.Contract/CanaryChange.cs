namespace Drydock.Edge.Contract;

/// <summary>
/// The body of <c>PUT /canary</c>: send <see cref="Share"/> of the requests to this upstream, the rest to the active
/// route, each client sticky to its side through the <see cref="AdminPaths.CanaryCookie"/> cookie the edge sets. The
/// active route is unchanged; a switch to the canary's upstream (<c>PUT /routes</c>) promotes it and ends the split.
/// </summary>
/// <param name="Upstream">Scheme, host and port, as in <see cref="RouteChange.Upstream"/>.</param>
public sealed record CanaryChange(string Upstream, string Version, CanaryShare Share)
{
    /// <summary>When set, the edge GETs this path on the upstream first and refuses (422) unless it answers 2xx.</summary>
    public string? HealthPath { get; init; }

    /// <summary>When set, the canary is set only if the route table is still at this generation (409 otherwise).</summary>
    public long? ExpectedGeneration { get; init; }
}

/// <summary>The canary as <c>PUT /canary</c> answers it and <c>GET /routes</c> lists it.</summary>
/// <param name="Key">Names this canary in its cookie (<c>key:bucket</c>): a new canary re-deals the buckets.</param>
public sealed record CanaryView(string Upstream, string Version, CanaryShare Share, string Key);
