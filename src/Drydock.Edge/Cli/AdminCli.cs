using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Edge.Contract;
using Drydock.Edge.Hosting;

namespace Drydock.Edge.Cli;

/// <summary>
/// <c>Drydock.Edge admin &lt;command&gt;</c>: the edge binary as its own admin client, run with <c>docker exec</c> in the
/// edge's container and talking to the running edge over its admin socket, so the admin API needs no published port.
/// Prints the answer as JSON on stdout; says what went wrong on stderr (see <see cref="AdminCommandLine.Usage"/> for exit codes).
/// </summary>
public static class AdminCli
{
    public const string Verb = "admin";
    public const int Done = 0, Refused = 1, BadCommandLine = 2, Unreachable = 3;

    /// <summary>Covers a switch's own health check of the new upstream (3 s) with room to spare.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan IssuanceTimeout = TimeSpan.FromMinutes(3);

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <param name="args">What follows <c>admin</c>.</param>
    /// <param name="stdin">The body of a <c>request</c> (null: none).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default, TextReader? stdin = null)
    {
        AdminInvocation invocation;
        string? socket;
        try
        {
            invocation = AdminCommandLine.Parse(args);
            socket = invocation.Socket ?? EdgeOptions.AdminSocket(environment);
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}\n\n{AdminCommandLine.Usage}");
            return BadCommandLine;
        }
        if (invocation.Command is AdminCommand.Help)
        {
            await stdout.WriteLineAsync(AdminCommandLine.Usage);
            return Done;
        }
        if (socket is null)
        {
            await stderr.WriteLineAsync("error: this edge runs without an admin socket (EDGE_ADMIN_SOCKET=off); use its admin port, or pass --socket PATH.");
            return BadCommandLine;
        }

        // Issuance waits for the CA (order, validation, finalize): longer than any other admin request.
        using var http = AdminSocketClient.Create(socket, invocation.Command is AdminCommand.HostRequest { LongRunning: true } ? IssuanceTimeout : RequestTimeout);
        try
        {
            return invocation.Command is AdminCommand.RawRequest request
                ? await RequestAsync(http, request, stdin, stdout, cancellationToken)
                : await ExecuteAsync(invocation.Command, http, stdout, stderr, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync($"error: no edge answers on the admin socket {socket} ({e.Message}). Run this inside the edge's container (docker exec <edge> /app/Drydock.Edge admin …), or pass --socket PATH.");
            return Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"error: the edge did not answer on {socket} within {RequestTimeout.TotalSeconds:0} s.");
            return Unreachable;
        }
    }

    private static async Task<int> ExecuteAsync(AdminCommand command, HttpClient http, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case AdminCommand.Health:
                return await PrintAsync(await http.GetAsync(AdminPaths.Health, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.Routes:
                return await PrintAsync(await http.GetAsync(AdminPaths.Routes, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.Metrics(var prometheus):
                return await PrintAsync(await http.GetAsync(prometheus ? AdminPaths.PrometheusMetrics : AdminPaths.Metrics, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.Switch(var change):
                return await PrintAsync(await http.PutAsJsonAsync(AdminPaths.Routes, change, EdgeJson.Options, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.HealthCheck(var request):
                using (var response = await http.PostAsJsonAsync(AdminPaths.UpstreamHealth, request, EdgeJson.Options, cancellationToken))
                {
                    if (!response.IsSuccessStatusCode)
                        return await PrintAsync(response, stdout, stderr, cancellationToken);
                    var view = await response.Content.ReadFromJsonAsync<UpstreamHealthView>(EdgeJson.Options, cancellationToken);
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(view, EdgeJson.Options));
                    if (view is { Healthy: true })
                        return Done;
                    await stderr.WriteLineAsync($"unhealthy: {view?.Answer}");
                    return Refused;
                }
            case AdminCommand.SetCandidate(var candidate):
                return await PrintAsync(await http.PutAsJsonAsync(AdminPaths.Candidate, candidate, EdgeJson.Options, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.ClearCandidate:
                var cleared = await http.DeleteAsync(AdminPaths.Candidate, cancellationToken);
                if (!cleared.IsSuccessStatusCode && cleared.StatusCode != System.Net.HttpStatusCode.NotFound)
                    return await PrintAsync(cleared, stdout, stderr, cancellationToken);
                // Nothing to clear is no error: what the caller wants holds either way.
                using (cleared)
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(new { cleared = cleared.IsSuccessStatusCode }, EdgeJson.Options));
                return Done;
            case AdminCommand.SetCanary(var canary):
                return await PrintAsync(await http.PutAsJsonAsync(AdminPaths.Canary, canary, EdgeJson.Options, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.ClearCanary:
                using (var ended = await http.DeleteAsync(AdminPaths.Canary, cancellationToken))
                {
                    if (!ended.IsSuccessStatusCode && ended.StatusCode != System.Net.HttpStatusCode.NotFound)
                        return await PrintAsync(ended, stdout, stderr, cancellationToken);
                    // Nothing to clear is no error, as for the candidate.
                    await stdout.WriteLineAsync(JsonSerializer.Serialize(new { cleared = ended.IsSuccessStatusCode }, EdgeJson.Options));
                    return Done;
                }
            case AdminCommand.HostRequest(var method, var path, var body):
                using (var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: EdgeJson.Options) })
                    return await PrintAsync(await http.SendAsync(request, cancellationToken), stdout, stderr, cancellationToken);
            case AdminCommand.Drain(var upstream, var timeout):
                return await DrainAsync(http, upstream, timeout, stdout, stderr, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown admin command {command}.");
        }
    }

    /// <summary>The status code on the first line, the body after it: the caller judges the answer, as over HTTP.</summary>
    private static async Task<int> RequestAsync(HttpClient http, AdminCommand.RawRequest request, TextReader? stdin, TextWriter stdout, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Method is "PUT" or "POST")
            message.Content = new StringContent(stdin is null ? string.Empty : await stdin.ReadToEndAsync(cancellationToken), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(message, cancellationToken);
        await stdout.WriteLineAsync(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await stdout.WriteAsync(await response.Content.ReadAsStringAsync(cancellationToken));
        return Done;
    }

    /// <summary>Polls the route table until the upstream has nothing in flight or is no longer tracked, or the timeout passes.</summary>
    private static async Task<int> DrainAsync(HttpClient http, string upstream, TimeSpan timeout, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var key = new Uri(upstream).GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(AdminPaths.Routes, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return await PrintAsync(response, stdout, stderr, cancellationToken);
            var table = await response.Content.ReadFromJsonAsync<RouteTableView>(EdgeJson.Options, cancellationToken);
            var entry = table?.Upstreams.FirstOrDefault(u => u.Upstream.ToLowerInvariant() == key);
            if (entry is { Active: true })
            {
                await stderr.WriteLineAsync($"error: {upstream} is the active upstream; it will not drain. Switch away from it first.");
                return Refused;
            }
            var inFlight = entry?.InFlight ?? 0;
            if (inFlight == 0 || clock.Elapsed >= timeout)
            {
                var view = new UpstreamDrainView(key, inFlight == 0, inFlight, Math.Round(clock.Elapsed.TotalSeconds, 3));
                await stdout.WriteLineAsync(JsonSerializer.Serialize(view, EdgeJson.Options));
                if (view.Drained)
                    return Done;
                await stderr.WriteLineAsync($"not drained: {inFlight} request(s) still in flight on {upstream} after {timeout.TotalSeconds:0.#} s.");
                return Refused;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>The body on stdout as the edge sent it; for a refusal also one readable line on stderr.</summary>
    private static async Task<int> PrintAsync(HttpResponseMessage response, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            await stdout.WriteLineAsync(body.TrimEnd('\n'));
            if (response.IsSuccessStatusCode)
                return Done;
            await stderr.WriteLineAsync($"error: the edge refused ({(int)response.StatusCode}): {ProblemText(body)}");
            return Refused;
        }
    }

    private static string ProblemText(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var parts = new List<string>();
            foreach (var name in (string[])["title", "detail"])
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    parts.Add(value.GetString()!);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
            return parts.Count > 0 ? string.Join(" ", parts) : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
