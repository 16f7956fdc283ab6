using System.Globalization;
using System.Text;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Metrics;

/// <summary>
/// <see cref="EdgeMetricsView"/> in Prometheus' text exposition format (0.0.4): counters since the edge started, the
/// in-flight gauge, and the window's latency percentiles as gauges (a scraper sees the edge's own window, not a summary
/// it could aggregate). Labels: <c>upstream</c>, <c>version</c>, and <c>class</c> for responses.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(EdgeMetricsView metrics)
    {
        var text = new StringBuilder();
        Family(text, "drydock_edge_requests_total", "counter", "Requests forwarded to the upstream that ended, by any outcome.", metrics,
            (u, labels) => Sample(text, "drydock_edge_requests_total", labels, u.Total.Requests));
        Family(text, "drydock_edge_responses_total", "counter", "Responses the upstream sent, by status class.", metrics, (u, labels) =>
        {
            foreach (var (statusClass, count) in Classes(u.Total))
                Sample(text, "drydock_edge_responses_total", labels + $",class=\"{statusClass}\"", count);
        });
        Family(text, "drydock_edge_upstream_failures_total", "counter", "Requests the upstream gave no complete response to (refused, reset, timed out, cut).", metrics,
            (u, labels) => Sample(text, "drydock_edge_upstream_failures_total", labels, u.Total.UpstreamFailures));
        Family(text, "drydock_edge_client_gone_total", "counter", "Requests the client abandoned before the response was copied.", metrics,
            (u, labels) => Sample(text, "drydock_edge_client_gone_total", labels, u.Total.ClientGone));
        Family(text, "drydock_edge_in_flight", "gauge", "Requests being forwarded to the upstream now.", metrics,
            (u, labels) => Sample(text, "drydock_edge_in_flight", labels, u.InFlight));
        Family(text, "drydock_edge_active", "gauge", "1 for the upstream new requests go to, 0 for replaced ones.", metrics,
            (u, labels) => Sample(text, "drydock_edge_active", labels, u.Active ? 1 : 0));
        Family(text, "drydock_edge_latency_window_seconds", "gauge", $"Latency percentiles of answered requests over the last {metrics.WindowSeconds} s (bin upper bounds).", metrics, (u, labels) =>
        {
            if (u.Latency.P50Milliseconds is { } p50)
                Sample(text, "drydock_edge_latency_window_seconds", labels + ",quantile=\"0.5\"", p50 / 1000);
            if (u.Latency.P99Milliseconds is { } p99)
                Sample(text, "drydock_edge_latency_window_seconds", labels + ",quantile=\"0.99\"", p99 / 1000);
        });
        return text.ToString();
    }

    /// <summary>A label value with backslash, double quote and line feed escaped, as the format requires.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Family(StringBuilder text, string name, string type, string help, EdgeMetricsView metrics, Action<UpstreamMetricsView, string> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var upstream in metrics.Upstreams)
            samples(upstream, $"upstream=\"{Escape(upstream.Upstream)}\",version=\"{Escape(upstream.Version ?? "")}\"");
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private static IEnumerable<(string Class, long Count)> Classes(TrafficCountsView counts) =>
        [("1xx", counts.Status1xx), ("2xx", counts.Status2xx), ("3xx", counts.Status3xx), ("4xx", counts.Status4xx), ("5xx", counts.Status5xx)];
}
