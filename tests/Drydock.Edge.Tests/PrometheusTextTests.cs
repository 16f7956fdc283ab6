using Drydock.Edge.Contract;
using Drydock.Edge.Metrics;

namespace Drydock.Edge.Tests;

/// <summary>The metrics in Prometheus' text format, as data.</summary>
public sealed class PrometheusTextTests
{
    private static readonly TrafficCountsView Total = new(Requests: 12, Status1xx: 0, Status2xx: 7, Status3xx: 1, Status4xx: 2, Status5xx: 1, UpstreamFailures: 1, ClientGone: 0);

    [Fact]
    public void Each_family_has_help_type_and_one_sample_per_upstream()
    {
        var metrics = new EdgeMetricsView(DateTimeOffset.UnixEpoch, 30,
        [
            new UpstreamMetricsView("http://notes-2:8080", "1.2.4", true, 3, Total, Total, new LatencyView(10, 2.5, 120)),
            new UpstreamMetricsView("http://notes-1:8080", null, false, 0, Total, Total, new LatencyView(0, null, null)),
        ]);

        var lines = PrometheusText.Render(metrics).Split('\n');

        Assert.Contains("# TYPE drydock_edge_requests_total counter", lines);
        Assert.Contains("drydock_edge_requests_total{upstream=\"http://notes-2:8080\",version=\"1.2.4\"} 12", lines);
        Assert.Contains("drydock_edge_responses_total{upstream=\"http://notes-2:8080\",version=\"1.2.4\",class=\"4xx\"} 2", lines);
        Assert.Contains("drydock_edge_upstream_failures_total{upstream=\"http://notes-1:8080\",version=\"\"} 1", lines);
        Assert.Contains("drydock_edge_in_flight{upstream=\"http://notes-2:8080\",version=\"1.2.4\"} 3", lines);
        Assert.Contains("drydock_edge_active{upstream=\"http://notes-1:8080\",version=\"\"} 0", lines);
        Assert.Contains("drydock_edge_latency_window_seconds{upstream=\"http://notes-2:8080\",version=\"1.2.4\",quantile=\"0.99\"} 0.12", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("drydock_edge_latency_window_seconds{upstream=\"http://notes-1:8080\"", StringComparison.Ordinal));
        Assert.Equal("", lines[^1]); // ends with a line feed
    }

    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb", "a\\nb")]
    public void Label_values_are_escaped(string value, string escaped) =>
        Assert.Equal(escaped, PrometheusText.Escape(value));
}
