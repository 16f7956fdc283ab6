using System.Net;
using System.Net.Sockets;
using Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

/// <summary>A bounded slow-client flood on loopback only: every connection here is the same client (127.0.0.1).</summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private const int Cap = 4;
    private readonly TempDirectory _state = new();
    private readonly List<TcpClient> _held = [];
    private EdgeUnderTest _edge = null!;

    private int Port => _edge.Server.PublicAddress.Port;

    public async Task InitializeAsync() =>
        _edge = await EdgeUnderTest.StartAsync(_state.Path, o => o with { Limits = o.Limits with { MaxConnectionsPerClient = Cap, CapPrivateClients = true } });

    public async Task DisposeAsync()
    {
        foreach (var held in _held)
            held.Dispose();
        await _edge.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_client_over_its_connection_cap_is_closed_at_once_and_accepted_again_after_closing_one()
    {
        // Idle connections that never send a request: what a slow-client flood holds open.
        for (var i = 0; i < Cap; i++)
            _held.Add(await ConnectAsync(Port));
        await Task.Delay(200);
        foreach (var held in _held)
            Assert.False(await IsClosedAsync(held, TimeSpan.FromMilliseconds(100)));

        using var extra = await ConnectAsync(Port);
        Assert.True(await IsClosedAsync(extra, TimeSpan.FromSeconds(5)), "The connection over the cap was not closed.");

        _held[0].Dispose();
        _held.RemoveAt(0);
        await Task.Delay(300);
        using var again = await ConnectAsync(Port);
        Assert.False(await IsClosedAsync(again, TimeSpan.FromMilliseconds(500)), "After one closed, a new connection was still refused.");
    }

    [Fact]
    public async Task A_flood_of_idle_connections_from_one_client_leaves_another_client_served()
    {
        // Three times the cap from 127.0.0.2 (loopback, another client address), none sending a byte.
        var refused = 0;
        for (var i = 0; i < 3 * Cap; i++)
        {
            try
            {
                _held.Add(await ConnectAsync(Port, from: IPAddress.Parse("127.0.0.2")));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                refused++; // the edge's reset of an earlier one over the cap can reach a connect on the same port
            }
        }
        await Task.Delay(300);
        Assert.Equal(2 * Cap, refused + await CountClosedAsync(_held));

        using var other = await ConnectAsync(Port);
        var stream = other.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: flood.test\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.StartsWith("HTTP/1.1 ", status);
    }

    private static async Task<int> CountClosedAsync(IEnumerable<TcpClient> clients)
    {
        var closed = 0;
        foreach (var client in clients)
            closed += await IsClosedAsync(client, TimeSpan.FromMilliseconds(200)) ? 1 : 0;
        return closed;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.17.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.10", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::ffff:172.20.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::1", true)]
    [InlineData("203.0.113.7", false)]
    [InlineData("2001:db8::1", false)]
    public void A_client_on_a_private_network_fronts_many_and_is_not_capped_alone(string address, bool shared) =>
        Assert.Equal(shared, ConnectionGuard.IsShared(IPAddress.Parse(address)));

    [Fact]
    public async Task By_default_a_loopback_client_a_proxy_in_front_of_many_is_not_capped()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeUnderTest.StartAsync(state.Path, o => o with { Limits = o.Limits with { MaxConnectionsPerClient = Cap } });
        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 3 * Cap; i++)
                held.Add(await ConnectAsync(edge.Server.PublicAddress.Port));
            await Task.Delay(300);
            Assert.Equal(0, await CountClosedAsync(held));
        }
        finally
        {
            foreach (var client in held)
                client.Dispose();
        }
    }

    [Fact]
    public void A_client_is_one_address_and_an_ipv6_client_its_64()
    {
        Assert.Equal(ConnectionGuard.ClientOf(IPAddress.Parse("2001:db8:1:2:aaaa::1")), ConnectionGuard.ClientOf(IPAddress.Parse("2001:db8:1:2:bbbb::2")));
        Assert.NotEqual(ConnectionGuard.ClientOf(IPAddress.Parse("2001:db8:1:3::1")), ConnectionGuard.ClientOf(IPAddress.Parse("2001:db8:1:2::1")));
        Assert.Equal(ConnectionGuard.ClientOf(IPAddress.Parse("::ffff:10.0.0.1")), ConnectionGuard.ClientOf(IPAddress.Parse("10.0.0.1")));
        Assert.NotEqual(ConnectionGuard.ClientOf(IPAddress.Parse("10.0.0.2")), ConnectionGuard.ClientOf(IPAddress.Parse("10.0.0.1")));
    }

    private static async Task<TcpClient> ConnectAsync(int port, IPAddress? from = null)
    {
        var client = new TcpClient();
        if (from is not null)
            client.Client.Bind(new IPEndPoint(from, 0));
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>True when the edge closed the connection (a read returns 0 or fails) within <paramref name="wait"/>.</summary>
    private static async Task<bool> IsClosedAsync(TcpClient client, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var read = await client.GetStream().ReadAsync(new byte[1], timeout.Token);
            return read == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
