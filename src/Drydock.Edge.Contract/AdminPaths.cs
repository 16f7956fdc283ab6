namespace Drydock.Edge.Contract;

/// <summary>The admin listener's paths. The public listener has none of them: everything there is forwarded.</summary>
public static class AdminPaths
{
    public const string Routes = "/routes";
    public const string Health = "/health";

    /// <summary><c>GET</c>: <see cref="EdgeMetricsView"/> as JSON.</summary>
    public const string Metrics = "/metrics";

    /// <summary><c>GET</c>: the same in Prometheus' text format, for a scraper.</summary>
    public const string PrometheusMetrics = "/metrics/prometheus";

    /// <summary><c>POST</c> an <see cref="UpstreamHealthRequest"/>: the edge GETs the path on that upstream and answers an <see cref="UpstreamHealthView"/>.</summary>
    public const string UpstreamHealth = "/upstreams/health";

    /// <summary><c>PUT</c> a <see cref="CandidateChange"/> (answers a <see cref="CandidateView"/> with the token); <c>DELETE</c> ends pinning.</summary>
    public const string Candidate = "/candidate";

    /// <summary><c>PUT</c> a <see cref="CanaryChange"/> (answers a <see cref="CanaryView"/>); <c>DELETE</c> ends the split, every request to the active route again.</summary>
    public const string Canary = "/canary";

    /// <summary>The cookie that keeps a client on its side of a canary split: <c>&lt;canary key&gt;:&lt;bucket 0-9999&gt;</c>, set by the edge.</summary>
    public const string CanaryCookie = "drydock-canary";

    /// <summary>Problem type of a 409 from <c>PUT /canary</c>: there is no active route to split traffic from.</summary>
    public const string NoActiveRouteType = "urn:drydock:problem:edge-no-active-route";

    /// <summary>The request header that pins a public request to the candidate; the edge removes it before forwarding.</summary>
    public const string CandidateHeader = "X-Drydock-Candidate";

    /// <summary>Problem type of a 421 on the public port: the request carried a candidate token that is not the current one.</summary>
    public const string NoSuchCandidateType = "urn:drydock:problem:edge-no-such-candidate";

    /// <summary>Problem type of a 422 from <c>PUT /routes</c>: the edge could not get a 2xx from the new upstream's health path.</summary>
    public const string UpstreamUnhealthyType = "urn:drydock:problem:edge-upstream-unhealthy";

    /// <summary>Problem type of a 409 from <c>PUT /routes</c>: <see cref="RouteChange.ExpectedGeneration"/> did not match.</summary>
    public const string GenerationConflictType = "urn:drydock:problem:edge-generation-conflict";
}
