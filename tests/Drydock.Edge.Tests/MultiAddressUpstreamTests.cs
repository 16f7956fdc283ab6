using System.Net;
using System.Net.Sockets;
using Drydock.Edge.Hosting;
using Drydock.Edge.Proxy;

namespace Drydock.Edge.Tests;

/// <summary>
/// An upstream name that stands for several addresses (a Swarm release's tasks): connections are balanced over them, an
/// address that refuses is skipped (and tried last for a while), and a cluster edge takes its route from EDGE_ROUTE at
/// start. The "tasks" are servers on distinct loopback addresses (127.0.0.2, 127.0.0.3) sharing one port, as tasks share
/// the container port; a resolver maps the name to them, as Swarm's DNS does.
/// </summary>
public sealed class MultiAddressUpstreamTests
{
    private const string TaskName = "swm3-app-active";
    private static readonly IPAddress First = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.3");

    [Fact]
    public void The_order_rotates_per_turn_and_puts_recently_failed_addresses_last()
    {
        string[] addresses = ["a", "b", "c"];
        Assert.Equal(["a", "b", "c"], TaskAddressConnector.Order(addresses, 0, _ => false));
        Assert.Equal(["b", "c", "a"], TaskAddressConnector.Order(addresses, 1, _ => false));
        Assert.Equal(["c", "a", "b"], TaskAddressConnector.Order(addresses, 5, _ => false));
        Assert.Equal(["c", "a", "b"], TaskAddressConnector.Order(addresses, 1, a => a == "b"));
        Assert.Equal(["a"], TaskAddressConnector.Order(["a"], int.MinValue, _ => true));
        Assert.Empty(TaskAddressConnector.Order(Array.Empty<string>(), 3, _ => false));
    }

    [Fact]
    public async Task Connections_alternate_between_the_addresses_and_a_refusing_one_is_skipped_and_penalized()
    {
        using var first = Listen(First, 0);
        var port = ((IPEndPoint)first.LocalEndpoint).Port;
        using var second = Listen(Second, port);
        var connector = new TaskAddressConnector((_, _) => Task.FromResult(new[] { First, Second }), TimeProvider.System);
        var endpoint = new DnsEndPoint(TaskName, port);

        var peers = new List<IPAddress>();
        for (var i = 0; i < 4; i++)
        {
            await using var stream = await connector.ConnectAsync(endpoint, CancellationToken.None);
            peers.Add(((IPEndPoint)((NetworkStream)stream).Socket.RemoteEndPoint!).Address);
        }
        Assert.Equal(2, peers.Count(p => p.Equals(First)));
        Assert.Equal(2, peers.Count(p => p.Equals(Second)));

        second.Stop();
        for (var i = 0; i < 4; i++)
        {
            await using var stream = await connector.ConnectAsync(endpoint, CancellationToken.None);
            Assert.Equal(First, ((IPEndPoint)((NetworkStream)stream).Socket.RemoteEndPoint!).Address);
        }
        Assert.Equal([new IPEndPoint(Second, port)], connector.Penalized);

        first.Stop();
        var none = await Assert.ThrowsAsync<HttpRequestException>(async () => await connector.ConnectAsync(endpoint, CancellationToken.None));
        Assert.Contains(TaskName, none.Message);
    }

    [Fact]
    public async Task A_name_that_briefly_resolves_to_nothing_or_fails_is_tried_at_its_last_known_addresses()
    {
        using var first = Listen(First, 0);
        var port = ((IPEndPoint)first.LocalEndpoint).Port;
        var answers = new Queue<Func<IPAddress[]>>([() => [First], () => [], () => throw new SocketException((int)SocketError.HostNotFound)]);
        var connector = new TaskAddressConnector((_, _) => Task.FromResult(answers.Dequeue()()), TimeProvider.System);
        var endpoint = new DnsEndPoint(TaskName, port);

        for (var i = 0; i < 3; i++)
        {
            await using var stream = await connector.ConnectAsync(endpoint, CancellationToken.None);
            Assert.Equal(First, ((IPEndPoint)((NetworkStream)stream).Socket.RemoteEndPoint!).Address);
        }

        // Never resolved: nothing to fall back on, the resolver's failure stands.
        var fresh = new TaskAddressConnector((_, _) => Task.FromResult(Array.Empty<IPAddress>()), TimeProvider.System);
        var none = await Assert.ThrowsAsync<HttpRequestException>(async () => await fresh.ConnectAsync(endpoint, CancellationToken.None));
        Assert.Contains("no address", none.Message);
    }

    [Fact]
    public async Task An_edge_with_an_initial_route_to_a_task_name_serves_both_tasks_and_keeps_serving_when_one_goes()
    {
        await using var a = await TestUpstream.StartAsync("task-a", address: First);
        var port = new Uri(a.Address).Port;
        await using var b = await TestUpstream.StartAsync("task-b", address: Second, port: port);
        using var state = new TempDirectory();
        var connector = new TaskAddressConnector((_, _) => Task.FromResult(new[] { First, Second }), TimeProvider.System);
        await using var edge = await EdgeUnderTest.StartAsync(state.Path, o => o with
        {
            InitialRoute = new(new Uri($"http://{TaskName}:{port}").GetLeftPart(UriPartial.Authority), "1.0.0"),
            Connector = connector,
        });

        // No switch was made: the route came from the options, and the edge says so.
        var routes = await edge.Admin.GetRoutesAsync();
        Assert.Equal("1.0.0", routes.Active?.Version);

        // Concurrent requests open several upstream connections: both tasks get some. On a busy machine one batch may
        // fit on one pooled connection, so batches go until both answered (or 10 s, then the asserts say which did not).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => edge.Public.GetStringAsync("/")));
        while ((a.Requests.Count == 0 || b.Requests.Count == 0) && DateTime.UtcNow < deadline);
        Assert.NotEmpty(a.Requests);
        Assert.NotEmpty(b.Requests);

        await b.StopAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => edge.Public.GetAsync("/")));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(answers, r => Assert.Equal("task-a", r.Headers.GetValues("X-Upstream").Single()));
    }

    [Fact]
    public void EDGE_ROUTE_is_read_as_the_initial_route_and_a_bad_one_is_refused_with_an_example()
    {
        var options = EdgeOptions.FromEnvironment(name => name switch
        {
            "EDGE_ROUTE" => "http://notes-cluster-active:8080/ignored",
            "EDGE_ROUTE_VERSION" => "swarm",
            _ => null,
        });
        Assert.Equal("http://notes-cluster-active:8080", options.InitialRoute?.Upstream);
        Assert.Equal("swarm", options.InitialRoute?.Version);
        Assert.Null(EdgeOptions.FromEnvironment(_ => null).InitialRoute);

        var bad = Assert.Throws<FormatException>(() => EdgeOptions.FromEnvironment(name => name == "EDGE_ROUTE" ? "notes-cluster-active" : null));
        Assert.Contains("http://notes-cluster-active:8080", bad.Message);
    }

    private static TcpListener Listen(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return listener;
    }
}
