using System.Net;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// The canary on a real edge: a share of the requests goes to the canary (statistically, over 2000 clients), each
/// client stays on its side through the cookie the edge sets, a clear sends everyone back, a switch to the canary
/// promotes it, and a restarted edge keeps the split.
/// </summary>
public sealed class CanaryTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _stable = null!;
    private TestUpstream _canary = null!;
    private HttpClient _noCookies = null!;

    public async Task InitializeAsync()
    {
        _stable = await TestUpstream.StartAsync("stable");
        _canary = await TestUpstream.StartAsync("canary");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        // Cookies are sent by hand: each request without one is a new client.
        _noCookies = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = _edge.Server.PublicAddress };
    }

    public async Task DisposeAsync()
    {
        _noCookies.Dispose();
        await _edge.DisposeAsync();
        await _stable.DisposeAsync();
        await _canary.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Ten_percent_of_new_clients_reach_the_canary_and_every_client_stays_on_its_side()
    {
        await _edge.SwitchAsync(_stable, "1.0.0");
        var set = await SetCanaryAsync("10%");
        Assert.Equal(0, set.Exit);
        Assert.Equal(("2.0.0", 1000), (set.Json<CanaryView>().Version, set.Json<CanaryView>().Share.BasisPoints));

        var clients = await Task.WhenAll(Enumerable.Range(0, 2000).Select(async _ => await GetAsync(null)));
        var toCanary = clients.Count(c => c.Body == "canary");
        // Binomial(2000, 0.1): mean 200, standard deviation 13.4; ±60 is 4.5 of them.
        Assert.InRange(toCanary, 140, 260);
        Assert.All(clients, c => Assert.StartsWith($"{AdminPaths.CanaryCookie}={set.Json<CanaryView>().Key}:", c.SetCookie));

        // Sticky: every client comes back five times with its cookie and lands where it landed first; no new cookie.
        var sample = clients.Where(c => c.Body == "canary").Take(50).Concat(clients.Where(c => c.Body == "stable").Take(50)).ToList();
        foreach (var client in sample)
            for (var i = 0; i < 5; i++)
            {
                var again = await GetAsync(client.Cookie);
                Assert.Equal((client.Body, (string?)null), (again.Body, again.SetCookie));
            }

        var metrics = (await _edge.AdminCliAsync("metrics")).Json<EdgeMetricsView>();
        var canary = metrics.Upstreams.Single(u => u.Upstream == _canary.Address);
        Assert.Equal((false, "10%", toCanary + 250L), (canary.Active, canary.CanaryShare?.ToString(), canary.Total.Status2xx));
        Assert.Equal(set.Json<CanaryView>(), (await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Canary);
    }

    [Fact]
    public async Task A_clear_sends_everyone_back_and_a_switch_to_the_canary_promotes_it()
    {
        await _edge.SwitchAsync(_stable, "1.0.0");
        await SetCanaryAsync("50%");
        var onCanary = await FirstAsync("canary");

        var cleared = await _edge.AdminCliAsync("canary", "--clear");
        var afterClear = await GetAsync(onCanary.Cookie);
        var routes = (await _edge.AdminCliAsync("routes")).Json<RouteTableView>();
        Assert.Equal((0, "stable", (string?)null), (cleared.Exit, afterClear.Body, afterClear.SetCookie));
        Assert.Null(routes.Canary);
        Assert.NotNull(routes.Upstreams.Single(u => u.Upstream == _canary.Address).RetiredAt); // drained and pruned like a replaced upstream
        Assert.Equal(0, (await _edge.AdminCliAsync("canary", "--clear")).Exit); // nothing to clear is no error

        await SetCanaryAsync("50%");
        var promoted = await _edge.AdminCliAsync("switch", "--upstream", new Uri(_canary.Address).Authority, "--version", "2.0.0");
        routes = (await _edge.AdminCliAsync("routes")).Json<RouteTableView>();
        Assert.Equal(0, promoted.Exit);
        Assert.Null(routes.Canary);
        Assert.Equal(_canary.Address, routes.Active?.Upstream);
        var everyone = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => GetAsync(null)));
        Assert.All(everyone, c => Assert.Equal(("canary", (string?)null), (c.Body, c.SetCookie)));
    }

    [Fact]
    public async Task A_restarted_edge_keeps_the_split_and_its_key_so_clients_stay_where_they_were()
    {
        await _edge.SwitchAsync(_stable, "1.0.0");
        var before = (await SetCanaryAsync("50%")).Json<CanaryView>();
        var onCanary = await FirstAsync("canary");

        await _edge.DisposeAsync();
        _noCookies.Dispose();
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        _noCookies = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = _edge.Server.PublicAddress };

        Assert.Equal(before, (await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Canary);
        Assert.Equal(("canary", (string?)null), await GetAsync(onCanary.Cookie) is var again ? (again.Body, again.SetCookie) : default);
    }

    [Fact]
    public async Task Bad_canaries_are_refused_and_change_nothing()
    {
        var noRoute = await SetCanaryAsync("10%");
        await _edge.SwitchAsync(_stable, "1.0.0");
        _canary.Healthy = false;
        var unhealthy = await _edge.AdminCliAsync("canary", "--upstream", new Uri(_canary.Address).Authority, "--version", "2.0.0", "--share", "10%", "--health-path", "/ready");
        var all = await _edge.AdminCliAsync("canary", "--upstream", new Uri(_canary.Address).Authority, "--version", "2.0.0", "--share", "100%");
        var missing = await _edge.AdminCliAsync("canary", "--upstream", new Uri(_canary.Address).Authority, "--version", "2.0.0");

        Assert.Equal(1, noRoute.Exit);
        Assert.Contains("No active route", noRoute.Stderr);
        Assert.Equal(1, unhealthy.Exit);
        Assert.Contains("not healthy", unhealthy.Stderr);
        Assert.Equal((2, 2), (all.Exit, missing.Exit));
        Assert.Contains("strictly between 0% and 100%", all.Stderr);
        Assert.Contains("--share is required", missing.Stderr);
        Assert.Null((await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Canary);
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GetAsync(null))), c => Assert.Equal(("stable", (string?)null), (c.Body, c.SetCookie)));
    }

    private Task<CliRun> SetCanaryAsync(string share) =>
        _edge.AdminCliAsync("canary", "--upstream", new Uri(_canary.Address).Authority, "--version", "2.0.0", "--share", share);

    /// <summary>New clients until one lands on <paramref name="side"/>.</summary>
    private async Task<Reply> FirstAsync(string side)
    {
        for (var i = 0; i < 200; i++)
            if (await GetAsync(null) is { } reply && reply.Body == side)
                return reply;
        throw new InvalidOperationException($"No client landed on {side} in 200 tries.");
    }

    private async Task<Reply> GetAsync(string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        using var response = await _noCookies.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : null;
        return new Reply(await response.Content.ReadAsStringAsync(), setCookie, cookie ?? setCookie?.Split(';')[0]);
    }

    /// <param name="Cookie">What the client sends from now on: its cookie as <c>name=value</c>.</param>
    private sealed record Reply(string Body, string? SetCookie, string? Cookie);
}
