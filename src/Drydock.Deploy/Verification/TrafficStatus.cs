using System.Globalization;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>The live numbers per release in <c>Status</c>, from the edge's <c>GET /metrics</c>: its sliding window and totals.</summary>
public static class TrafficStatus
{
    /// <summary>Pure, for tests: one line per upstream the edge still tracks, the active one first.</summary>
    public static IReadOnlyList<string> Lines(EdgeMetricsView metrics) =>
        [.. metrics.Upstreams.OrderByDescending(u => u.Active).ThenByDescending(u => u.CanaryShare is not null).Select(u => Line(u, metrics.WindowSeconds))];

    private static string Line(UpstreamMetricsView upstream, int windowSeconds)
    {
        var window = TrafficSample.Of(upstream.Window, upstream.Latency);
        var latency = upstream.Latency.P50Milliseconds is { } p50
            ? string.Create(CultureInfo.InvariantCulture, $", p50/p99 {p50:0}/{upstream.Latency.P99Milliseconds:0} ms")
            : "";
        var total = TrafficSample.Of(upstream.Total, upstream.Latency);
        return string.Create(CultureInfo.InvariantCulture,
            $"traffic  {upstream.Upstream} ({upstream.Version ?? "?"}{(upstream.Active ? ", active" : upstream.CanaryShare is { } share ? $", canary {share}" : "")}): last {windowSeconds}s {window.Requests} requests, {window.Errors} failed{latency}; since the edge started {total.Requests} requests, {total.Errors} failed");
    }
}
