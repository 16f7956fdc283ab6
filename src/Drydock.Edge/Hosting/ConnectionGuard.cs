using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Drydock.Edge.Hosting;

/// <summary>
/// Kestrel connection middleware of the public listeners: a client (an address; an IPv6 client's /64, which one host
/// usually owns whole) holding its cap of open connections has one more closed at once, before any byte is read, so an
/// idle-connection flood from a few hosts cannot take every app behind the edge down. Counts are per process.
/// </summary>
public sealed class ConnectionGuard(int maxPerClient)
{
    private readonly ConcurrentDictionary<UInt128, int> _open = new();

    public Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint remote)
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
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4)
            return (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        // The top bit marks IPv6 so no /64 shares a key with an IPv4 address.
        return new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), 0) | (UInt128.One << 127) | UInt128.One;
    }

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
