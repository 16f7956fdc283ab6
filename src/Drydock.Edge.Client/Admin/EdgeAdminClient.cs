using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Client;

/// <summary>
/// The edge's admin API, typed: <c>GET /health</c>, <c>GET /routes</c>, <c>PUT /routes</c>, and waiting for a replaced
/// upstream to drain. The transport is the handler: Drydock.Deploy's <c>EdgeAdminExec</c> (docker exec of the edge's own
/// admin client, no port), or plain HTTP to an admin address in tests of the edge itself.
/// </summary>
public sealed class EdgeAdminClient : IDisposable
{
    private readonly HttpClient _http;

    public EdgeAdminClient(Uri address, HttpMessageHandler? handler = null)
    {
        Address = address;
        // No proxy: this is the host's own loopback, whatever HTTP_PROXY says. The timeout covers the edge's own health check of a new upstream (3 s).
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    public Uri Address { get; }

    public Task<EdgeHealthView> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EdgeHealthView>(AdminPaths.Health, cancellationToken);

    public Task<RouteTableView> GetRoutesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<RouteTableView>(AdminPaths.Routes, cancellationToken);

    /// <summary>Per upstream: outcomes since the edge started and over its sliding window, with latency percentiles.</summary>
    public Task<EdgeMetricsView> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EdgeMetricsView>(AdminPaths.Metrics, cancellationToken);

    /// <summary>Pins requests carrying <see cref="AdminPaths.CandidateHeader"/> to the candidate; the answer holds the token (keep it out of logs).</summary>
    public async Task<CandidateView> SetCandidateAsync(CandidateChange change, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync(AdminPaths.Candidate, change, EdgeJson.Options, cancellationToken);
        return await ReadAsync<CandidateView>(response, cancellationToken);
    }

    /// <summary>Ends pinning; the token is refused from now on. False when there was no candidate.</summary>
    public async Task<bool> ClearCandidateAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(AdminPaths.Candidate, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return false;
        if (!response.IsSuccessStatusCode)
            throw await ProblemAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// Gives the canary its share of requests beside the active route; with a health path, once the edge's own check
    /// passes (asked again every <paramref name="pollInterval"/> until <paramref name="timeout"/>). Throws
    /// <see cref="EdgeAdminException"/> when the edge refuses (nothing changed then).
    /// </summary>
    public async Task<CanaryView> SetCanaryAsync(CanaryChange change, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await _http.PutAsJsonAsync(AdminPaths.Canary, change, EdgeJson.Options, cancellationToken);
                return await ReadAsync<CanaryView>(response, cancellationToken);
            }
            catch (EdgeAdminException e) when (e.UpstreamUnhealthy && change.HealthPath is not null && clock.Elapsed < timeout)
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>Ends the canary split: every request takes the active route. False when there was none.</summary>
    public async Task<bool> ClearCanaryAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(AdminPaths.Canary, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return false;
        if (!response.IsSuccessStatusCode)
            throw await ProblemAsync(response, cancellationToken);
        return true;
    }

    /// <summary>Switches the route; throws <see cref="EdgeAdminException"/> when the edge refuses (nothing changed then).</summary>
    public async Task<RouteSwitchResult> SwitchAsync(RouteChange change, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync(AdminPaths.Routes, change, EdgeJson.Options, cancellationToken);
        return await ReadAsync<RouteSwitchResult>(response, cancellationToken);
    }

    /// <summary>
    /// Switches as soon as the edge's own health check of the new upstream passes, asking again every
    /// <paramref name="pollInterval"/> until <paramref name="timeout"/>: the edge probes it over the network the traffic
    /// will take, so the route changes the moment it answers rather than at Docker's next scheduled health check. Throws
    /// the last refusal when it never answers; any other refusal (conflict, bad input) at once.
    /// </summary>
    public async Task<RouteSwitchResult> SwitchWhenHealthyAsync(RouteChange change, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        if (change.HealthPath is null)
            throw new ArgumentException("A switch that waits for health needs the health path the edge should check.", nameof(change));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await SwitchAsync(change, cancellationToken);
            }
            catch (EdgeAdminException e) when (e.UpstreamUnhealthy && clock.Elapsed < timeout)
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Polls <c>GET /routes</c> until <paramref name="upstream"/> has nothing in flight (or is no longer listed), or the
    /// timeout passes. Call it after switching away from the upstream, before stopping its container.
    /// </summary>
    public async Task<DrainResult> WaitForDrainAsync(string upstream, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var key = UpstreamAddress.Normalize(upstream);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var table = await GetRoutesAsync(cancellationToken);
            var entry = table.Upstreams.FirstOrDefault(u => UpstreamAddress.Normalize(u.Upstream) == key);
            if (entry is { Active: true })
                throw new InvalidOperationException($"{upstream} is the active upstream again; it will not drain. Was the route switched back meanwhile?");
            var inFlight = entry?.InFlight ?? 0;
            if (inFlight == 0)
                return new DrainResult(upstream, true, 0, clock.Elapsed);
            if (clock.Elapsed >= timeout)
                return new DrainResult(upstream, false, inFlight, clock.Elapsed);
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>True once <c>GET /health</c> answers, false when the timeout passes first (a new edge takes about a second).</summary>
    public async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await _http.GetAsync(AdminPaths.Health, attempt.Token);
                if (response.IsSuccessStatusCode)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet (or docker-proxy accepted but the edge has not): try again.
            }
            if (clock.Elapsed >= timeout)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw await ProblemAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(EdgeJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"The edge answered {response.RequestMessage?.RequestUri} with an empty body.");
    }

    internal static async Task<EdgeAdminException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? type = null, detail = null;
        var title = response.ReasonPhrase ?? "error";
        var errors = new Dictionary<string, string[]>();
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            type = Text(root, "type");
            title = Text(root, "title") ?? title;
            detail = Text(root, "detail");
            if (root.TryGetProperty("errors", out var members) && members.ValueKind == JsonValueKind.Object)
                foreach (var member in members.EnumerateObject())
                    errors[member.Name] = member.Value.ValueKind == JsonValueKind.Array ? [.. member.Value.EnumerateArray().Select(m => m.ToString())] : [member.Value.ToString()];
        }
        catch (JsonException)
        {
            detail = body.Length > 500 ? body[..500] : body;
        }
        return new EdgeAdminException(response.StatusCode, type, title, detail, errors);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
