using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Drydock.Edge.Hosting;

/// <summary>
/// Kestrel connection middleware of the public listeners: a client (an address; an IPv6 client's /64, which one host
/// usually owns whole) holding its cap of open connections has one more closed at once, before any byte is read, so an
/// idle-connection flood from a few hosts cannot take every app behind the edge down. Counts are per process.
/// A client on a private network (loopback, RFC 1918, CGNAT, link-local, IPv6 ULA) is a load balancer, a NAT or
/// Docker's own proxy in front of many clients, so it counts only toward the total cap unless asked otherwise.
/// </summary>
/// <param name="capPrivateClients">Cap private addresses too (tests on loopback).</param>
public sealed class ConnectionGuard(int maxPerClient, bool capPrivateClients = false)
{
    private readonly ConcurrentDictionary<UInt128, int> _open = new();

    public Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint remote || (!capPrivateClients && IsShared(remote.Address)))
        {
            await next(connection);
            return;
        }
        var client = ClientOf(remote.Address);
        if (_open.AddOrUpdate(client, 1, (_, count) => count + 1) > maxPerClient)
        {
            Release(client);
            connection.Abort(new ConnectionAbortedException("The client holds its cap of open connections."));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            Release(client);
        }
    };

    /// <summary>Pure: the key a connection counts under; IPv4 (mapped or not) by its address, IPv6 by its first 64 bits.</summary>
    public static UInt128 ClientOf(IPAddress address)
    {
        var bytes = Unmapped(address).GetAddressBytes();
        if (bytes.Length == 4)
            return (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        // The top bit marks IPv6 so no /64 shares a key with an IPv4 address.
        return new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), 0) | (UInt128.One << 127) | UInt128.One;
    }

    /// <summary>Pure: whether <paramref name="address"/> is on a private network, where one address fronts many clients.</summary>
    public static bool IsShared(IPAddress address)
    {
        address = Unmapped(address);
        if (IPAddress.IsLoopback(address))
            return true;
        var b = address.GetAddressBytes();
        return b.Length == 4
            ? b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] == 169 && b[1] == 254)
            : (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80);
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void Release(UInt128 client)
    {
        // Removed at zero, so memory follows the clients connected now, not every one ever seen.
        while (true)
        {
            var count = _open[client];
            if (count == 1 ? _open.TryRemove(KeyValuePair.Create(client, 1)) : _open.TryUpdate(client, count - 1, count))
                return;
        }
    }
}
