using System.Net;
using System.Text;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// Nothing sent to the public port reaches the admin API: every path, method and Host header there is forwarded to the
/// upstream, and the route never changes because of it.
/// </summary>
public sealed class AdminIsolationTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _upstream = null!;
    private RouteSwitchResult _route = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync("app");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        _route = await _edge.SwitchAsync(_upstream, "1.0.0");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _upstream.DisposeAsync();
        _state.Dispose();
    }

    public static TheoryData<string, string> AdminLookalikes()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "GET", "PUT", "POST", "DELETE", "PATCH" })
        foreach (var path in new[] { "/routes", "/health", "/ROUTES", "/routes/", "/routes?x=1", "/Health", "/metrics", "/metrics/prometheus", "/upstreams/health", "/candidate" })
            data.Add(method, path);
        return data;
    }

    [Theory]
    [MemberData(nameof(AdminLookalikes))]
    public async Task Admin_paths_on_the_public_port_are_forwarded_to_the_upstream(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" or "DELETE" ? null : Hijack(),
        };

        using var response = await _edge.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("app", await response.Content.ReadAsStringAsync());
        Assert.Contains(_upstream.Requests, r => r.Method == method && r.PathAndQuery == path);
        await AssertRouteUnchangedAsync();
    }

    [Theory]
    [InlineData("PUT /routes HTTP/1.1\nHost: {admin}\n")]
    [InlineData("PUT /routes HTTP/1.1\nHost: localhost:{adminPort}\n")]
    [InlineData("PUT /routes HTTP/1.1\nHost: {public}\nX-Forwarded-Host: {admin}\n")]
    [InlineData("PUT //routes HTTP/1.1\nHost: {public}\n")]
    [InlineData("PUT /./routes HTTP/1.1\nHost: {public}\n")]
    [InlineData("PUT /x/../routes HTTP/1.1\nHost: {public}\n")]
    [InlineData("PUT /%72outes HTTP/1.1\nHost: {public}\n")]
    [InlineData("PUT http://{admin}/routes HTTP/1.1\nHost: {admin}\n")]
    [InlineData("PUT http://{admin}/routes HTTP/1.1\nHost: {public}\n")]
    public async Task Host_and_target_tricks_on_the_public_port_never_reach_the_admin_api(string head)
    {
        var body = await Hijack().ReadAsStringAsync();
        var request = head
            .Replace("{admin}", _edge.Server.AdminAddress.Authority)
            .Replace("{adminPort}", _edge.Server.AdminAddress.Port.ToString())
            .Replace("{public}", _edge.Server.PublicAddress.Authority)
            + $"Content-Type: application/json\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\nConnection: close\n\n{body}";

        var response = await RawHttp.SendAsync(_edge.Server.PublicAddress, request);

        // Either forwarded to the app (which marks its answers) or refused by Kestrel as malformed; never the admin API's JSON.
        var status = RawHttp.Status(response);
        Assert.True(status == 200 && response.Contains("X-Upstream: app", StringComparison.Ordinal) || status == 400, response);
        Assert.DoesNotContain("generation", response);
        await AssertRouteUnchangedAsync();
    }

    [Fact]
    public async Task Even_an_upstream_pointed_back_at_the_admin_port_does_not_open_the_admin_api_to_the_public_port()
    {
        // A misconfiguration, not a deploy: the forwarder then reaches the admin listener from loopback, which is why
        // the admin API also refuses anything that came through a proxy.
        await _edge.Admin.SwitchAsync(new RouteChange(_edge.Server.AdminAddress.GetLeftPart(UriPartial.Authority), "loop"));
        var generation = (await _edge.Admin.GetRoutesAsync()).Generation;

        using var read = await _edge.Public.GetAsync("/routes");
        using var write = await _edge.Public.PutAsync("/routes", Hijack());

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("proxy", await write.Content.ReadAsStringAsync());
        Assert.Equal(generation, (await _edge.Admin.GetRoutesAsync()).Generation);
    }

    [Fact]
    public async Task The_admin_api_answers_on_its_own_port()
    {
        var health = await _edge.Admin.GetHealthAsync();

        Assert.Equal("ok", health.Status);
        Assert.True(health.Routed);
        Assert.Equal("1.0.0", health.Active!.Version);
    }

    [Fact]
    public async Task The_admin_listener_forwards_nothing()
    {
        using var admin = new HttpClient { BaseAddress = _edge.Server.AdminAddress };

        using var response = await admin.GetAsync("/notes");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(_upstream.Requests, r => r.PathAndQuery == "/notes");
    }

    private static StringContent Hijack() =>
        new("{\"upstream\":\"http://attacker.example:80\",\"version\":\"evil\"}", Encoding.UTF8, "application/json");

    private async Task AssertRouteUnchangedAsync()
    {
        var table = await _edge.Admin.GetRoutesAsync();
        Assert.Equal(_route.Generation, table.Generation);
        Assert.Equal(UpstreamAddress.Normalize(_upstream.Address), UpstreamAddress.Normalize(table.Active!.Upstream));
        Assert.Equal("1.0.0", table.Active.Version);
    }
}
