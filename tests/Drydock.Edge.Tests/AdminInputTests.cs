using System.Net;
using System.Text;
using System.Text.Json;

namespace Drydock.Edge.Tests;

/// <summary>Bad input to <c>PUT /routes</c> is refused with a problem body, and nothing changes: not the route, not the state file.</summary>
public sealed class AdminInputTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _upstream = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _upstream = await TestUpstream.StartAsync("app");
        _edge = await EdgeUnderTest.StartAsync(_state.Path);
        await _edge.SwitchAsync(_upstream, "1.0.0");
        _admin = new HttpClient { BaseAddress = _edge.Server.AdminAddress };
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _edge.DisposeAsync();
        await _upstream.DisposeAsync();
        _state.Dispose();
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("{ not json", "")]
    [InlineData("null", "")]
    [InlineData("[]", "")]
    [InlineData("{}", "upstream")]
    [InlineData("{\"upstream\":\"http://app:8080\"}", "version")]
    [InlineData("{\"upstream\":\"\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"app:8080\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"not a url\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"https://app:8443\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"file:///etc/passwd\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"http://app:8080/api\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"http://app:8080/?x=1\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"http://user:pw@app:8080\",\"version\":\"1\"}", "upstream")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\" 1\"}", "version")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\\n2\"}", "version")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\",\"healthPath\":\"health\"}", "healthPath")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\",\"healthPath\":\"//evil.example/x\"}", "healthPath")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\",\"expectedGeneration\":-1}", "expectedGeneration")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\",\"expectedGeneration\":\"one\"}", "")]
    [InlineData("{\"upstream\":\"http://app:8080\",\"version\":\"1\",\"helthPath\":\"/typo\"}", "")]
    [InlineData("{\"upstream\":5,\"version\":\"1\"}", "")]
    public async Task Invalid_routes_are_400_problems_and_change_nothing(string body, string member)
    {
        var before = await File.ReadAllBytesAsync(_edge.StateFile);

        using var response = await _admin.PutAsync("/routes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        if (member.Length > 0)
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(member, out _), $"no error for '{member}' in {problem.RootElement}");
        else
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var before = await File.ReadAllBytesAsync(_edge.StateFile);

        using var response = await _admin.PutAsync("/routes", new StringContent("upstream=http://evil:80", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingChangedAsync(before);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var before = await File.ReadAllBytesAsync(_edge.StateFile);
        var huge = "{\"upstream\":\"http://app:8080\",\"version\":\"" + new string('1', 300 * 1024) + "\"}";

        using var response = await _admin.PutAsync("/routes", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingChangedAsync(before);
    }

    [Theory]
    [InlineData("POST", "/routes")]
    [InlineData("DELETE", "/routes")]
    [InlineData("PUT", "/health")]
    public async Task Other_methods_are_405_and_change_nothing(string method, string path)
    {
        var before = await File.ReadAllBytesAsync(_edge.StateFile);

        using var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertNothingChangedAsync(before);
    }

    private async Task AssertNothingChangedAsync(byte[] stateBefore)
    {
        var table = await _edge.Admin.GetRoutesAsync();
        Assert.Equal(1, table.Generation);
        Assert.Equal(_upstream.Address, table.Active!.Upstream);
        Assert.Equal(stateBefore, await File.ReadAllBytesAsync(_edge.StateFile));
        Assert.Equal("app", await _edge.Public.GetStringAsync("/"));
    }
}
