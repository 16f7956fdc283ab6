using System.Collections.Concurrent;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>Requests in flight on the old upstream finish there after a switch, and the drain count says when the old one can be stopped.</summary>
public sealed class DrainTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _old = null!;
    private TestUpstream _new = null!;

    public async Task InitializeAsync()
    {
        _old = await TestUpstream.StartAsync("old");
        _new = await TestUpstream.StartAsync("new");
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
    public async Task A_request_in_flight_on_the_old_upstream_completes_there_after_the_switch_and_the_drain_count_reaches_zero()
    {
        await _edge.SwitchAsync(_old);
        var held = _edge.Public.GetStringAsync("/hold");
        await _old.Holding;

        await _edge.SwitchAsync(_new);
        var during = await _edge.Public.GetStringAsync("/during");
        var table = await _edge.Admin.GetRoutesAsync();
        var notYet = await _edge.Admin.WaitForDrainAsync(_old.Address, TimeSpan.FromMilliseconds(200));

        _old.Release();
        var completed = await held;
        var drained = await _edge.Admin.WaitForDrainAsync(_old.Address, TimeSpan.FromSeconds(30));

        Assert.Equal("new", during);
        var old = table.Upstreams.Single(u => u.Upstream == _old.Address);
        Assert.False(old.Active);
        Assert.Equal(1, old.InFlight);
        Assert.NotNull(old.RetiredAt);
        Assert.False(notYet.Drained);
        Assert.Equal(1, notYet.InFlight);
        Assert.Equal("old", completed);
        Assert.True(drained.Drained);
        var after = (await _edge.Admin.GetRoutesAsync()).Upstreams.Single(u => u.Upstream == _old.Address);
        Assert.Equal(0, after.InFlight);
        Assert.Equal(0, after.Failed);
    }

    [Fact]
    public async Task Switch_drain_then_stop_the_old_upstream_under_load_fails_no_request()
    {
        // A deploy in miniature: new healthy first, switch, wait for the old to drain, stop it; the load never notices.
        await _edge.SwitchAsync(_old);
        using var done = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var answered = new ConcurrentDictionary<string, int>();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _edge.Server.PublicAddress };
            while (!done.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/load");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                        answered.AddOrUpdate(body, 1, (_, n) => n + 1);
                    else
                        failures.Enqueue($"{(int)response.StatusCode} {body}");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue(e.Message);
                }
            }
        })).ToList();

        await Until(() => answered.GetValueOrDefault("old") >= 50);
        var cutover = await EdgeCutover.SwitchAndDrainAsync(_edge.Admin, new RouteChange(_new.Address, "new") { HealthPath = "/ready" }, TimeSpan.FromSeconds(30));
        await _old.StopAsync();
        var newBefore = answered.GetValueOrDefault("new");
        await Until(() => answered.GetValueOrDefault("new") >= newBefore + 100);
        done.Cancel();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.True(cutover.Drain!.Drained);
        Assert.Equal(UpstreamAddress.Normalize(_old.Address), UpstreamAddress.Normalize(cutover.Replaced!));
    }

    [Fact]
    public async Task A_client_that_gives_up_leaves_the_drain_count_and_is_not_an_upstream_failure()
    {
        await _edge.SwitchAsync(_old);
        using var giveUp = new CancellationTokenSource();
        var held = _edge.Public.GetAsync("/hold", giveUp.Token);
        await _old.Holding;

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        await _edge.SwitchAsync(_new);
        var drain = await _edge.Admin.WaitForDrainAsync(_old.Address, TimeSpan.FromSeconds(30));

        Assert.True(drain.Drained);
        Assert.Equal(0, (await _edge.Admin.GetRoutesAsync()).Upstreams.Single(u => u.Upstream == _old.Address).Failed);
    }

    [Fact]
    public async Task Waiting_on_the_active_upstream_is_refused_because_it_would_never_drain()
    {
        await _edge.SwitchAsync(_old);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _edge.Admin.WaitForDrainAsync(_old.Address, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_upstream_the_edge_never_saw_counts_as_drained()
    {
        await _edge.SwitchAsync(_old);

        var drain = await _edge.Admin.WaitForDrainAsync("http://never-routed:8080", TimeSpan.FromSeconds(1));

        Assert.True(drain.Drained);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited++)
        {
            Assert.True(waited < 3000, "The load stalled.");
            await Task.Delay(10);
        }
    }
}
