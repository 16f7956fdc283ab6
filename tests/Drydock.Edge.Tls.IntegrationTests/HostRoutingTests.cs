using System.Net;
using Drydock.Edge.Tests;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>Several host routes on one edge port: each with its own upstream and generation; switching one never disturbs another.</summary>
[Collection(EdgeTlsCollection.Name)]
public sealed class HostRoutingTests(EdgeTlsFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private TestUpstream _blue = null!;
    private TestUpstream _green = null!;
    private TestUpstream _other = null!;

    public async Task InitializeAsync()
    {
        _blue = await TestUpstream.StartAsync("blue");
        _green = await TestUpstream.StartAsync("green");
        _other = await TestUpstream.StartAsync("other");
    }

    public async Task DisposeAsync()
    {
        await _blue.DisposeAsync();
        await _green.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task Switching_one_host_back_and_forth_never_disturbs_another_hosts_traffic()
    {
        var (switched, steady) = (Name("switched"), Name("steady"));
        await fixture.Admin.DeclareAsync(switched, "off");
        await fixture.Admin.DeclareAsync(steady, "off");
        await fixture.Admin.SwitchAsync(steady, _other.Address, "9.0.0");
        var generation = (await fixture.Admin.SwitchAsync(switched, _blue.Address, "1.0.0"))["generation"]!.GetValue<long>();
        using var client = fixture.Client();
        var steadyAnswers = new List<string>();
        using var stop = new CancellationTokenSource();

        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                string answer;
                try
                {
                    using var response = await client.GetAsync($"http://{steady}:{fixture.HttpPort}/x");
                    answer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    answer = $"failed: {e.GetType().Name} {e.Message} {e.InnerException?.Message}";
                }
                lock (steadyAnswers)
                    steadyAnswers.Add(answer);
            }
        });
        for (var i = 0; i < 10; i++)
        {
            var (target, version) = i % 2 == 0 ? (_green, "2.0.0") : (_blue, "1.0.0");
            generation = (await fixture.Admin.SwitchAsync(switched, target.Address, version, generation))["generation"]!.GetValue<long>();
            Assert.Equal(target.Name, await client.GetStringAsync($"http://{switched}:{fixture.HttpPort}/"));
        }
        await stop.CancelAsync();
        await load;

        output.WriteLine($"{steadyAnswers.Count} requests to the steady host during 10 switches of the other");
        Assert.NotEmpty(steadyAnswers);
        Assert.All(steadyAnswers, a => Assert.Equal("200 other", a));
        Assert.Equal(11, generation);
    }

    [Fact]
    public async Task A_stale_generation_is_refused_per_host_and_changes_nothing()
    {
        var host = Name("guarded");
        await fixture.Admin.DeclareAsync(host, "off");
        await fixture.Admin.SwitchAsync(host, _blue.Address, "1.0.0");

        using var response = await fixture.Admin.PutAsync($"/hosts/{host}/route",
            System.Net.Http.Json.JsonContent.Create(new { upstream = _green.Address, version = "2.0.0", expectedGeneration = 0 }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var client = fixture.Client();
        Assert.Equal("blue", await client.GetStringAsync($"http://{host}:{fixture.HttpPort}/"));
        var table = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Admin.GetStringAsync($"/hosts/{host}/routes"))!;
        Assert.Equal(1, table["generation"]!.GetValue<long>());
        Assert.Equal(_blue.Address, table["active"]!["upstream"]!.ToString());
    }

    [Fact]
    public async Task A_path_prefix_route_takes_its_paths_and_the_host_route_the_rest()
    {
        var host = Name("prefixed");
        await fixture.Admin.DeclareAsync(host, "off");
        await fixture.Admin.DeclareAsync(host, "off", "/api");
        await fixture.Admin.SwitchAsync(host, _blue.Address, "1.0.0");
        await fixture.Admin.SwitchAsync(host, _green.Address, "2.0.0", pathPrefix: "/api");
        using var client = fixture.Client();

        Assert.Equal("green", await client.GetStringAsync($"http://{host}:{fixture.HttpPort}/api/notes"));
        Assert.Equal("green", await client.GetStringAsync($"http://{host}:{fixture.HttpPort}/api"));
        Assert.Equal("blue", await client.GetStringAsync($"http://{host}:{fixture.HttpPort}/apix"));
        Assert.Equal("blue", await client.GetStringAsync($"http://{host}:{fixture.HttpPort}/"));
    }

    [Fact]
    public async Task An_undeclared_host_goes_to_the_edges_own_single_route()
    {
        using var client = fixture.Client();

        using var response = await client.GetAsync($"http://{Name("unknown")}:{fixture.HttpPort}/");

        // This edge has no single route: the 503 of an edge without a route, as before host routing existed.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static string Name(string label) => $"{label}.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
}
