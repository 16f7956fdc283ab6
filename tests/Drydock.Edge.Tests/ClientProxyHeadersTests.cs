using System.Net;

namespace Drydock.Edge.Tests;

/// <summary>The edge is the first hop: what a client claims about proxies before it never reaches the app.</summary>
public sealed class ClientProxyHeadersTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _app = null!;

    public static TheoryData<string, string> Claimed => new()
    {
        { "Forwarded", "for=6.6.6.6;proto=https;host=evil.example" },
        { "X-Forwarded-For", "6.6.6.6, 7.7.7.7" },
        { "X-Forwarded-Proto", "https-claimed" },
        { "X-Forwarded-Host", "evil.example" },
        { "X-Forwarded-Prefix", "/claimed-prefix" },
        { "X-Forwarded-Port", "4433" },
        { "X-Real-IP", "6.6.6.7" },
        { "X-Original-For", "6.6.6.8" },
        { "X-Original-Host", "original.example" },
        { "X-Original-URL", "/claimed-admin" },
        { "X-Original-Proto", "https-original" },
        { "X-Client-IP", "6.6.6.9" },
        { "True-Client-IP", "6.6.6.10" },
    };

    public async Task InitializeAsync()
    {
        _app = await TestUpstream.StartAsync("app");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        await _edge.SwitchAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }

    [Theory]
    [MemberData(nameof(Claimed))]
    public async Task A_client_sent_proxy_header_never_reaches_the_app(string name, string value)
    {
        var path = "/claimed/" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.Add("X-Custom", "kept");

        using var response = await _edge.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = _app.Requests.Single(r => r.PathAndQuery == path);
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains(value, StringComparison.Ordinal));
        Assert.Equal("kept", seen.Headers["X-Custom"]);
    }

    [Fact]
    public async Task The_app_sees_only_the_forwarding_headers_the_edge_set_itself()
    {
        var path = "/claimed/all";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in Claimed.Select(row => ((string)row[0], (string)row[1])))
            request.Headers.TryAddWithoutValidation(name, value);

        using var response = await _edge.Public.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = _app.Requests.Single(r => r.PathAndQuery == path);
        Assert.Equal("127.0.0.1", seen.Headers["X-Forwarded-For"]);
        Assert.Equal("http", seen.Headers["X-Forwarded-Proto"]);
        Assert.Equal(_edge.Server.PublicAddress.Authority, seen.Headers["X-Forwarded-Host"]);
        foreach (var name in new[] { "Forwarded", "X-Forwarded-Prefix", "X-Forwarded-Port", "X-Real-IP", "X-Original-For", "X-Original-Host", "X-Original-URL", "X-Original-Proto", "X-Client-IP", "True-Client-IP" })
            Assert.False(seen.Headers.ContainsKey(name), $"{name} reached the app");
    }
}
