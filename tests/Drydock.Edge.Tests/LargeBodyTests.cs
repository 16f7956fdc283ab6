using System.Net;
using System.Text;

namespace Drydock.Edge.Tests;

/// <summary>
/// An upstream that refuses a large body before reading it (Kestrel's MaxRequestBodySize) answers
/// 413; through the edge the client must get that 413, not a 502, and the upstream must not be counted as failing.
/// </summary>
public sealed class LargeBodyTests : IAsyncLifetime
{
    private const long UpstreamLimit = 64 * 1024;

    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _strict = null!;

    public async Task InitializeAsync()
    {
        _strict = await TestUpstream.StartAsync("strict", maxRequestBodySize: UpstreamLimit);
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        await _edge.SwitchAsync(_strict);
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _strict.DisposeAsync();
        _state.Dispose();
    }

    [Theory]
    [InlineData(128 * 1024)]
    [InlineData(1024 * 1024)]
    [InlineData(5 * 1024 * 1024)]
    public async Task A_body_the_upstream_refuses_early_comes_back_as_its_413_and_is_no_failure(int size)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await _edge.Public.PostAsync("/notes", Json(size));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        var upstream = (await _edge.Admin.GetRoutesAsync()).Upstreams.Single();
        Assert.Equal((5L, 0L), (upstream.Served, upstream.Failed));
    }

    [Fact]
    public async Task A_large_chunked_body_the_upstream_refuses_comes_back_as_its_413()
    {
        // No Content-Length: Kestrel refuses once the read passes the limit, so part of the body was sent already.
        using var body = new StreamContent(new MemoryStream(new byte[1024 * 1024]));

        using var response = await _edge.Public.PostAsync("/notes", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await _edge.Admin.GetRoutesAsync()).Upstreams.Single().Failed);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(UpstreamLimit - 1024)]
    public async Task A_body_within_the_upstreams_limit_still_reaches_it_whole(long size)
    {
        var body = Json((int)size);
        var sent = await body.ReadAsStringAsync();

        using var response = await _edge.Public.PostAsync("/notes", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent, _strict.Requests.Single(r => r.Method == "POST").Body);
    }

    /// <summary>A JSON document of exactly <paramref name="size"/> bytes.</summary>
    private static StringContent Json(int size)
    {
        const string prefix = "{\"text\":\"";
        const string suffix = "\"}";
        return new StringContent(prefix + new string('x', size - prefix.Length - suffix.Length) + suffix, Encoding.UTF8, "application/json");
    }
}
