using System.Collections.Concurrent;
using System.Net;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>Switching the route: atomic under load, a no-op when nothing changes, refused when the new upstream is not healthy or the table moved on.</summary>
public sealed class SwitchingTests : IAsyncLifetime
{
    private const int Connections = 8;
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _blue = null!;
    private TestUpstream _green = null!;

    public async Task InitializeAsync()
    {
        _blue = await TestUpstream.StartAsync("blue");
        _green = await TestUpstream.StartAsync("green");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Before_the_first_route_the_public_port_answers_503_with_a_problem()
    {
        using var response = await _edge.Public.GetAsync("/anything");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await _edge.Admin.GetHealthAsync()).Routed);
    }

    [Fact]
    public async Task Switching_back_and_forth_under_concurrent_load_fails_no_request()
    {
        await _edge.SwitchAsync(_blue);
        using var done = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var answeredBy = new ConcurrentDictionary<string, int>();

        // Each worker has its own client, so the load runs on several kept-alive connections, as browsers and wrk do.
        var workers = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _edge.Server.PublicAddress };
            while (!done.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/work");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                        answeredBy.AddOrUpdate(body, 1, (_, n) => n + 1);
                    else
                        failures.Enqueue($"{(int)response.StatusCode} {body}");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue(e.Message);
                }
            }
        })).ToList();

        for (var i = 0; i < 20; i++)
        {
            await WaitForRequestsAsync(answeredBy, minimum: 10 * (i + 1));
            await _edge.SwitchAsync(i % 2 == 0 ? _green : _blue);
        }
        await WaitForRequestsAsync(answeredBy, minimum: 220);
        done.Cancel();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.True(answeredBy.GetValueOrDefault("blue") > 0 && answeredBy.GetValueOrDefault("green") > 0);
        var table = await _edge.Admin.GetRoutesAsync();
        Assert.All(table.Upstreams, u => Assert.Equal(0, u.InFlight));
        Assert.All(table.Upstreams, u => Assert.Equal(0, u.Failed));
        Assert.Equal(21, table.Generation);
    }

    [Fact]
    public async Task Switching_to_the_active_route_changes_nothing_and_writes_nothing()
    {
        var first = await _edge.SwitchAsync(_blue, "1.0.0");
        var written = File.GetLastWriteTimeUtc(_edge.StateFile);
        var content = await File.ReadAllTextAsync(_edge.StateFile);

        var again = await _edge.SwitchAsync(_blue, "1.0.0");

        Assert.True(first.Changed);
        Assert.False(again.Changed);
        Assert.Equal(first.Generation, again.Generation);
        Assert.Equal(first.Active, again.Active);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_edge.StateFile));
        Assert.Equal(content, await File.ReadAllTextAsync(_edge.StateFile));
    }

    [Fact]
    public async Task A_new_version_on_the_same_upstream_is_a_change_without_anything_to_drain()
    {
        await _edge.SwitchAsync(_blue, "1.0.0");

        var result = await EdgeCutover.SwitchAndDrainAsync(_edge.Admin, new RouteChange(_blue.Address, "1.0.1"), TimeSpan.FromSeconds(5));

        Assert.True(result.Switch.Changed);
        Assert.Equal("1.0.1", result.Switch.Active.Version);
        Assert.Null(result.Drain);
        Assert.Null(result.Replaced);
    }

    [Fact]
    public async Task The_edge_checks_the_new_upstream_itself_and_refuses_an_unhealthy_one()
    {
        await _edge.SwitchAsync(_blue);
        _green.Healthy = false;

        var refused = await Assert.ThrowsAsync<EdgeAdminException>(() =>
            _edge.Admin.SwitchAsync(new RouteChange(_green.Address, "green") { HealthPath = "/ready" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.True(refused.UpstreamUnhealthy);
        Assert.Contains("503", refused.Detail);
        Assert.Equal(_blue.Address, (await _edge.Admin.GetRoutesAsync()).Active!.Upstream);
        Assert.Equal("blue", await _edge.Public.GetStringAsync("/"));

        _green.Healthy = true;
        var switched = await _edge.Admin.SwitchAsync(new RouteChange(_green.Address, "green") { HealthPath = "/ready" });
        Assert.True(switched.Changed);
        Assert.Equal("green", await _edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_starting_upstream_is_switched_to_the_moment_the_edge_finds_it_healthy()
    {
        await _edge.SwitchAsync(_blue);
        _green.Healthy = false;
        var switching = _edge.Admin.SwitchWhenHealthyAsync(new RouteChange(_green.Address, "green") { HealthPath = "/ready" }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));

        // Still on blue while green answers 503, however many times the edge asks.
        for (var waited = 0; _green.Requests.Count(r => r.PathAndQuery == "/ready") < 3; waited++)
        {
            Assert.True(waited < 3000, "The edge stopped asking.");
            await Task.Delay(10);
        }
        Assert.Equal("blue", await _edge.Public.GetStringAsync("/"));
        _green.Healthy = true;
        var switched = await switching;

        Assert.True(switched.Changed);
        Assert.Equal("green", await _edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task An_upstream_that_never_gets_healthy_is_never_switched_to()
    {
        await _edge.SwitchAsync(_blue);
        _green.Healthy = false;

        var refused = await Assert.ThrowsAsync<EdgeAdminException>(() =>
            _edge.Admin.SwitchWhenHealthyAsync(new RouteChange(_green.Address, "green") { HealthPath = "/ready" }, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(20)));

        Assert.True(refused.UpstreamUnhealthy);
        Assert.Equal("blue", await _edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task An_upstream_nobody_listens_on_fails_the_edge_health_check()
    {
        await _edge.SwitchAsync(_blue);
        var closed = _green.Address;
        await _green.StopAsync();

        var refused = await Assert.ThrowsAsync<EdgeAdminException>(() =>
            _edge.Admin.SwitchAsync(new RouteChange(closed, "gone") { HealthPath = "/ready" }));

        Assert.True(refused.UpstreamUnhealthy);
        Assert.Equal(_blue.Address, (await _edge.Admin.GetRoutesAsync()).Active!.Upstream);
    }

    [Fact]
    public async Task A_stale_generation_is_a_conflict_and_changes_nothing()
    {
        var first = await _edge.SwitchAsync(_blue);

        var conflict = await Assert.ThrowsAsync<EdgeAdminException>(() =>
            _edge.Admin.SwitchAsync(new RouteChange(_green.Address, "green") { ExpectedGeneration = first.Generation - 1 }));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.True(conflict.GenerationConflict);
        var table = await _edge.Admin.GetRoutesAsync();
        Assert.Equal(first.Generation, table.Generation);
        Assert.Equal(_blue.Address, table.Active!.Upstream);
    }

    [Fact]
    public async Task A_dead_upstream_is_a_502_counted_as_failed_and_never_retried_elsewhere()
    {
        await _edge.SwitchAsync(_green);
        await _edge.SwitchAsync(_blue);
        await _blue.StopAsync();

        using var response = await _edge.Public.GetAsync("/after-stop");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(_green.Requests, r => r.PathAndQuery == "/after-stop");
        var blue = (await _edge.Admin.GetRoutesAsync()).Upstreams.Single(u => u.Active);
        Assert.Equal(1, blue.Failed);
        Assert.Equal(0, blue.InFlight);
    }

    [Fact]
    public async Task Requests_keep_method_path_query_and_body_and_get_forwarding_headers_set_by_the_edge()
    {
        await _edge.SwitchAsync(_blue);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notes/7?x=1&y=%20")
        {
            Content = new StringContent("{\"text\":\"hi\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Custom", "kept");

        using var response = await _edge.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = _blue.Requests.Single(r => r.PathAndQuery.StartsWith("/notes/7", StringComparison.Ordinal));
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/notes/7?x=1&y=%20", seen.PathAndQuery);
        Assert.Equal("{\"text\":\"hi\"}", seen.Body);
        Assert.Equal("kept", seen.Headers["X-Custom"]);
        Assert.Equal("127.0.0.1", seen.Headers["X-Forwarded-For"]); // replaced, not appended: the edge is the first hop
        Assert.Equal("http", seen.Headers["X-Forwarded-Proto"]);
        Assert.Equal(_edge.Server.PublicAddress.Authority, seen.Headers["X-Forwarded-Host"]);
    }

    private static async Task WaitForRequestsAsync(ConcurrentDictionary<string, int> answered, int minimum)
    {
        // A bound on waiting, not a timing assertion: the load runs until enough requests went through.
        for (var waited = 0; answered.Values.Sum() < minimum; waited++)
        {
            Assert.True(waited < 3000, $"The load stalled at {answered.Values.Sum()} requests.");
            await Task.Delay(10);
        }
    }
}
