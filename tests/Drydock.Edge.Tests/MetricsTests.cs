using System.Net;
using System.Text;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// What verification and the canary judge by: the edge counts what it serves per upstream (status classes, upstream failures, latency over
/// the window), read as JSON over the admin socket and as Prometheus text on the admin port. A passed-through 413 is a
/// 4xx, not a failure; an upstream that does not answer is a failure.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _old = null!;
    private TestUpstream _new = null!;

    public async Task InitializeAsync()
    {
        _old = await TestUpstream.StartAsync("old");
        _new = await TestUpstream.StartAsync("new", maxRequestBodySize: 64 * 1024);
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _old.DisposeAsync();
        await _new.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Each_upstream_counts_its_responses_by_class_its_failures_and_its_latency()
    {
        await _edge.SwitchAsync(_old, "1.0.0");
        await Send("/", "/", "/status/302", "/status/404");
        await _edge.SwitchAsync(_new, "2.0.0");
        await Send("/", "/status/204", "/status/500", "/status/503");
        using (var big = await _edge.Public.PostAsync("/notes", new ByteArrayContent(new byte[1024 * 1024])))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        await _new.StopAsync();
        using (var down = await _edge.Public.GetAsync("/"))
            Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);

        var run = await _edge.AdminCliAsync("metrics");

        Assert.Equal(0, run.Exit);
        var metrics = run.Json<EdgeMetricsView>();
        Assert.Equal(30, metrics.WindowSeconds);
        var (current, previous) = (metrics.Upstreams[0], metrics.Upstreams[1]);
        Assert.Equal((_new.Address, "2.0.0", true), (current.Upstream, current.Version, current.Active));
        Assert.Equal((_old.Address, "1.0.0", false), (previous.Upstream, previous.Version, previous.Active));
        Assert.Equal(new TrafficCountsView(6, 0, 2, 0, 1, 2, 1, 0), current.Total);
        Assert.Equal(current.Total, current.Window);
        Assert.Equal(new TrafficCountsView(4, 0, 2, 1, 1, 0, 0, 0), previous.Total);
        Assert.Equal(5, current.Latency.Samples); // the failure has no latency
        Assert.True(current.Latency.P50Milliseconds > 0 && current.Latency.P99Milliseconds >= current.Latency.P50Milliseconds);
        var routes = await _edge.Admin.GetRoutesAsync(); // the older counters agree: one failure, the 413 served
        Assert.Equal((5L, 1L), (routes.Upstreams[0].Served, routes.Upstreams[0].Failed));
    }

    [Fact]
    public async Task Prometheus_reads_the_same_counters_on_the_admin_port_and_through_the_command_line()
    {
        await _edge.SwitchAsync(_old, "1.0.0");
        await Send("/", "/status/404");

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _edge.Server.AdminAddress };
        using var response = await http.GetAsync(AdminPaths.PrometheusMetrics);
        var scraped = await response.Content.ReadAsStringAsync();
        var printed = await _edge.AdminCliAsync("metrics", "--prometheus");

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var labels = $"upstream=\"{_old.Address}\",version=\"1.0.0\"";
        Assert.Contains($"drydock_edge_requests_total{{{labels}}} 2\n", scraped);
        Assert.Contains($"drydock_edge_responses_total{{{labels},class=\"4xx\"}} 1\n", scraped);
        Assert.Contains($"drydock_edge_upstream_failures_total{{{labels}}} 0\n", scraped);
        Assert.Equal(0, printed.Exit);
        Assert.Contains($"drydock_edge_responses_total{{{labels},class=\"2xx\"}} 1", printed.Stdout);
    }

    private async Task Send(params string[] paths)
    {
        foreach (var path in paths)
        {
            using var response = await _edge.Public.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.BadGateway, response.StatusCode);
        }
    }
}
