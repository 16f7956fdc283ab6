using System.Net;
using System.Text.Json;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Edge.State;

namespace Drydock.Edge.Tests;

/// <summary>The route table lives in a file on the edge's volume, so a restarted edge serves its route before anyone calls the admin API.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync("blue");

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_restarted_edge_serves_its_last_route_at_once()
    {
        RouteSwitchResult switched;
        await using (var first = await EdgeUnderTest.StartAsync(_state.Path))
            switched = await first.SwitchAsync(_upstream, "1.4.2");

        await using var restarted = await EdgeUnderTest.StartAsync(_state.Path);
        var body = await restarted.Public.GetStringAsync("/first-request");
        var table = await restarted.Admin.GetRoutesAsync();

        Assert.Equal("blue", body);
        Assert.Equal(switched.Generation, table.Generation);
        Assert.Equal(switched.Active, table.Active);
    }

    [Fact]
    public async Task The_state_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        await using var edge = await EdgeUnderTest.StartAsync(_state.Path);
        await using var other = await TestUpstream.StartAsync("green");

        for (var i = 0; i < 5; i++)
            await edge.SwitchAsync(i % 2 == 0 ? other : _upstream);

        Assert.Equal([RouteStateStore.FileName], Directory.GetFiles(_state.Path).Select(Path.GetFileName));
        using var saved = JsonDocument.Parse(await File.ReadAllTextAsync(edge.StateFile));
        Assert.Equal(other.Address, saved.RootElement.GetProperty("upstream").GetString());
        Assert.Equal(5, saved.RootElement.GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task A_corrupt_state_file_starts_the_edge_without_a_route_and_a_new_route_repairs_it()
    {
        await File.WriteAllTextAsync(Path.Combine(_state.Path, RouteStateStore.FileName), "{ not json");

        await using var edge = await EdgeUnderTest.StartAsync(_state.Path);
        using var before = await edge.Public.GetAsync("/");
        await edge.SwitchAsync(_upstream);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("blue", await edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task When_the_state_cannot_be_written_the_switch_fails_and_the_route_is_unchanged()
    {
        // A state "directory" below a regular file cannot be created, whoever runs the test (root ignores permissions).
        var blocker = Path.Combine(_state.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        await using var edge = await EdgeUnderTest.StartAsync(Path.Combine(blocker, "state"),
            options => options with { AdminSocketPath = Path.Combine(_state.Path, "admin", "admin.sock") });

        var failed = await Assert.ThrowsAsync<EdgeAdminException>(() => edge.SwitchAsync(_upstream));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        var table = await edge.Admin.GetRoutesAsync();
        Assert.Null(table.Active);
        Assert.Equal(0, table.Generation);
        Assert.Empty(table.Upstreams);
        using var response = await edge.Public.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
