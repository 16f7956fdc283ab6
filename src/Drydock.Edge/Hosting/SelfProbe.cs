using Drydock.Edge.Contract;

namespace Drydock.Edge.Hosting;

/// <summary>
/// <c>Drydock.Edge --healthcheck [url]</c>: GET the edge's own admin <c>/health</c> on loopback and exit 0 (2xx) or 1,
/// without starting the web host, so the distroless image's HEALTHCHECK needs neither curl nor a shell. An edge
/// without an admin port (<c>EDGE_ADMIN_PORT=off</c>) is probed through its admin socket instead.
/// </summary>
public static class SelfProbe
{
    public const string Flag = "--healthcheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static Uri Target(string[] args, Func<string, string?> environment)
    {
        if (args.Length > 1)
            return new Uri(args[1], UriKind.Absolute);
        var port = environment(EdgeEnvironment.AdminPort) is { Length: > 0 } configured ? configured : EdgeOptions.DefaultAdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Uri($"http://127.0.0.1:{port}{AdminPaths.Health}", UriKind.Absolute);
    }

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output)
    {
        Uri target;
        string? socket = null;
        try
        {
            if (args.Length <= 1 && string.Equals(environment(EdgeEnvironment.AdminPort), EdgeOptions.Off, StringComparison.OrdinalIgnoreCase))
                socket = EdgeOptions.AdminSocket(environment);
            target = socket is null ? Target(args, environment) : new Uri("http://edge-admin" + AdminPaths.Health);
        }
        catch (Exception e) when (e is UriFormatException or FormatException)
        {
            await output.WriteLineAsync($"unhealthy: bad probe target: {e.Message}");
            return 1;
        }

        var where = socket is null ? target.ToString() : $"the admin socket {socket}";
        using var http = socket is null
            ? new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout }
            : Cli.AdminSocketClient.Create(socket, Timeout);
        try
        {
            using var response = await http.GetAsync(target);
            var healthy = response.IsSuccessStatusCode;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: {(int)response.StatusCode} from {where}");
            return healthy ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"unhealthy: {where}: {e.Message}");
            return 1;
        }
    }
}
