using System.Net;
using System.Net.Sockets;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>Free loopback ports from this suite's range (19300-19399), free for both TCP and UDP (the DNS port).</summary>
internal static class TlsPorts
{
    private const int First = 19300;
    private const int Last = 19399;

    public static int[] Take(int count)
    {
        var ports = Enumerable.Range(First, Last - First + 1).Where(IsFree).Take(count).ToArray();
        return ports.Length == count
            ? ports
            : throw new InvalidOperationException($"Fewer than {count} free ports in {First}-{Last}: another run of this suite (or a leftover pebble) holds them. Stop it and run again.");
    }

    private static bool IsFree(int port)
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
