using System.Net;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// The smoke test before the switch: requests carrying the candidate header with the token the edge handed out
/// reach the candidate through the real edge; everyone else keeps the active release; a stale token is refused.
/// </summary>
public sealed class CandidateTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _active = null!;
    private TestUpstream _candidate = null!;

    public async Task InitializeAsync()
    {
        _active = await TestUpstream.StartAsync("active");
        _candidate = await TestUpstream.StartAsync("candidate");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        await _edge.SwitchAsync(_active, "1.0.0");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _active.DisposeAsync();
        await _candidate.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Only_requests_with_the_token_reach_the_candidate_and_the_header_never_reaches_an_upstream()
    {
        var set = await _edge.AdminCliAsync("candidate", "--upstream", new Uri(_candidate.Address).Authority, "--version", "2.0.0");
        var candidate = set.Json<CandidateView>();

        var pinned = await GetAsync("/smoke", candidate.Token);
        var user = await GetAsync("/user", null);
        var routes = (await _edge.AdminCliAsync("routes")).Json<RouteTableView>();
        var metrics = (await _edge.AdminCliAsync("metrics")).Json<EdgeMetricsView>();

        Assert.Equal((0, AdminPaths.CandidateHeader, 32), (set.Exit, candidate.Header, candidate.Token.Length));
        Assert.Equal((HttpStatusCode.OK, "candidate"), pinned);
        Assert.Equal((HttpStatusCode.OK, "active"), user);
        Assert.All(_candidate.Requests.Concat(_active.Requests), r => Assert.False(r.Headers.ContainsKey(AdminPaths.CandidateHeader)));
        Assert.Equal(new CandidateRouteView(_candidate.Address, "2.0.0"), routes.Candidate);
        Assert.Equal((1L, 1L), (routes.Generation, routes.Upstreams.Single(u => u.Active).Served));
        Assert.DoesNotContain(candidate.Token, (await _edge.AdminCliAsync("routes")).Stdout);
        var counted = metrics.Upstreams.Single(u => u.Upstream == _candidate.Address);
        Assert.Equal((false, "2.0.0", 1L), (counted.Active, counted.Version, counted.Total.Status2xx));
    }

    [Fact]
    public async Task A_stale_or_guessed_token_gets_421_never_the_active_release()
    {
        var first = (await _edge.AdminCliAsync("candidate", "--upstream", new Uri(_candidate.Address).Authority, "--version", "2.0.0")).Json<CandidateView>();
        var second = (await _edge.AdminCliAsync("candidate", "--upstream", new Uri(_candidate.Address).Authority, "--version", "2.0.1")).Json<CandidateView>();

        var stale = await GetAsync("/", first.Token);
        var guessed = await GetAsync("/", "0123456789abcdef0123456789abcdef");
        var current = await GetAsync("/", second.Token);
        var cleared = await _edge.AdminCliAsync("candidate", "--clear");
        var afterClear = await GetAsync("/", second.Token);
        var clearedAgain = await _edge.AdminCliAsync("candidate", "--clear");
        var routes = (await _edge.AdminCliAsync("routes")).Json<RouteTableView>();

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, stale.Status);
        Assert.Contains(AdminPaths.NoSuchCandidateType, stale.Body);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, guessed.Status);
        Assert.Equal((HttpStatusCode.OK, "candidate"), current);
        Assert.Equal(0, cleared.Exit);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, afterClear.Status);
        Assert.Equal(0, clearedAgain.Exit);
        Assert.Null(routes.Candidate);
        Assert.NotNull(routes.Upstreams.Single(u => u.Upstream == _candidate.Address).RetiredAt); // pruned in time like a replaced upstream
        Assert.Empty(_active.Requests);
    }

    [Fact]
    public async Task A_bad_candidate_is_refused_by_member()
    {
        var run = await _edge.AdminCliAsync("candidate", "--upstream", "https://x:1", "--version", " 2 ");

        Assert.Equal(1, run.Exit);
        Assert.Contains("upstream: 'https://x:1': only http upstreams", run.Stderr);
        Assert.Contains("version: No control characters or surrounding spaces", run.Stderr);
        Assert.Null((await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Candidate);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Add(AdminPaths.CandidateHeader, token);
        using var response = await _edge.Public.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
