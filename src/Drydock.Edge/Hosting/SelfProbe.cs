using Drydock.Edge.Contract;

namespace Drydock.Edge.Hosting;

/// <summary>
/// <c>Drydock.Edge --healthcheck [url]</c>: GET the edge's own admin <c>/health</c> on loopback and exit 0 (2xx) or 1,
/// without starting the web host, so the distroless image's HEALTHCHECK needs neither curl nor a shell.
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
        var port = environment("EDGE_ADMIN_PORT") is { Length: > 0 } configured ? configured : EdgeOptions.DefaultAdminPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Uri($"http://127.0.0.1:{port}{AdminPaths.Health}", UriKind.Absolute);
    }

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output)
    {
        Uri target;
        try
        {
            target = Target(args, environment);
        }
        catch (UriFormatException e)
        {
            await output.WriteLineAsync($"unhealthy: bad probe url: {e.Message}");
            return 1;
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            var healthy = response.IsSuccessStatusCode;
            await output.WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: {(int)response.StatusCode} from {target}");
            return healthy ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"unhealthy: {target}: {e.Message}");
            return 1;
        }
    }
}
