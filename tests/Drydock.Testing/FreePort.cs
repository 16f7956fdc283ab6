using System.Net;
using System.Net.Sockets;

namespace Drydock.Testing;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// <paramref name="count"/> loopback ports from a suite's own range, each free for both TCP and UDP (a test DNS
    /// server takes one), so suites that share the engine never collide.
    /// </summary>
    public static int[] TakeFromRange(int first, int last, int count)
    {
        var ports = Enumerable.Range(first, last - first + 1).Where(IsFreeForTcpAndUdp).Take(count).ToArray();
        return ports.Length == count
            ? ports
            : throw new InvalidOperationException($"Fewer than {count} free ports in {first}-{last}: another run of this suite (or a leftover server of it) holds them. Stop it and run again.");
    }

    private static bool IsFreeForTcpAndUdp(int port)
    {
        try
        {
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            tcp.Stop();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
