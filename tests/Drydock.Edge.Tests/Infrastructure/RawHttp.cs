using System.Net.Sockets;
using System.Text;

namespace Drydock.Edge.Tests;

/// <summary>Sends request bytes exactly as written (odd targets, odd Host headers) and reads the answer until the server closes.</summary>
public static class RawHttp
{
    public static async Task<string> SendAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ReplaceLineEndings("\r\n")));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    public static int Status(string response) =>
        int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
}
