using Notes.Health;

namespace Notes.Hosting;

/// <summary>
/// <c>Notes --healthcheck [url]</c>: GET the service's own readiness endpoint and exit 0 (2xx) or 1, without starting
/// the web host, so a distroless image's HEALTHCHECK needs neither curl nor a shell.
/// </summary>
/// <remarks>
/// Without a url it probes <c>http://127.0.0.1:{first port of ASPNETCORE_HTTP_PORTS, default 8080}{HEALTHCHECK_PATH,
/// default /health/ready}</c>.
/// </remarks>
internal static class SelfProbe
{
    public const string Flag = "--healthcheck";
    public const string PathVariable = "HEALTHCHECK_PATH";
    public const string PortsVariable = "ASPNETCORE_HTTP_PORTS";
    public const int DefaultPort = 8080;

    // Under Docker's default 30s health check timeout, and quick enough that a hung server reads as unhealthy.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static Uri Target(string[] args, Func<string, string?> environment)
    {
        if (args.Length > 1)
            return new Uri(args[1], UriKind.Absolute);

        var port = (environment(PortsVariable) ?? "")
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? DefaultPort.ToString();
        var path = environment(PathVariable) is { Length: > 0 } configured ? configured : HealthEndpoints.ReadyPath;
        return new Uri($"http://127.0.0.1:{port}/{path.TrimStart('/')}", UriKind.Absolute);
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

        // No proxy: the probe is for this container's own loopback, whatever HTTP_PROXY says.
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
