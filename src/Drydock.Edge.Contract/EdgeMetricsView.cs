namespace Drydock.Edge.Contract;

/// <summary>
/// What <c>GET /metrics</c> answers (and <c>Drydock.Edge admin metrics</c> prints): per upstream the edge still tracks,
/// its outcomes since the edge started and over the last <see cref="WindowSeconds"/> seconds, with latency percentiles
/// over that window. A build compares releases on <see cref="UpstreamMetricsView.Window"/>; Prometheus reads the totals.
/// </summary>
public sealed record EdgeMetricsView(DateTimeOffset At, int WindowSeconds, IReadOnlyList<UpstreamMetricsView> Upstreams);

/// <param name="Version">The version the upstream was last switched to as; null for one only known from a restart's state file.</param>
public sealed record UpstreamMetricsView(string Upstream, string? Version, bool Active, long InFlight, TrafficCountsView Total, TrafficCountsView Window, LatencyView Latency)
{
    /// <summary>Set when this upstream is the canary: the share of requests it gets beside the active route.</summary>
    public CanaryShare? CanaryShare { get; init; }
}

/// <summary>
/// Requests that ended, by outcome. <see cref="Requests"/> is the sum of the others. A status the upstream sent counts in
/// its class (a 413 is 4xx, a 503 is 5xx); <see cref="UpstreamFailures"/> are requests the upstream gave no (complete)
/// response to; <see cref="ClientGone"/> are requests the client abandoned, nobody's failure.
/// </summary>
public sealed record TrafficCountsView(
    long Requests, long Status1xx, long Status2xx, long Status3xx, long Status4xx, long Status5xx, long UpstreamFailures, long ClientGone);

/// <summary>
/// Latency of answered requests (until the response was copied to the client) over the window. Percentiles are upper
/// bounds of logarithmic bins: at most 19% above the true value, never below it. Null when nothing was answered.
/// </summary>
public sealed record LatencyView(long Samples, double? P50Milliseconds, double? P99Milliseconds);
