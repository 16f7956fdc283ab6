using System.Net.Sockets;

namespace Drydock.Edge.Cli;

/// <summary>An HTTP client whose every connection goes to the edge's admin unix socket (the host name is not used).</summary>
public static class AdminSocketClient
{
    public static HttpClient Create(string socketPath, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri("http://edge-admin"),
            Timeout = timeout,
        };
}
