using System.Diagnostics;
using System.Net.Http.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Client;

/// <summary>
/// The edge's admin API, typed, for every service of its router: the host-less service (health, routes, switch,
/// candidate, canary, metrics, drain) and the host services (<c>/hosts</c>: list, declare, certificate, switch, drain).
/// The transport is the handler: Drydock.Deploy's <c>EdgeAdminExec</c> (docker exec of the edge's own admin client, no
/// port), or plain HTTP to an admin address in tests of the edge itself.
/// </summary>
public sealed class EdgeAdminClient : IDisposable
{
    /// <summary>Covers the edge's own health check of a new upstream (3 s) with room for a docker exec over SSH, which on a
    /// busy host (a .NET process started inside the edge) took more than 15 s.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Issuing a certificate waits for the ACME server: an order, a validation, a download.</summary>
    public static readonly TimeSpan IssueTimeout = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan FirstHealthAttempt = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxHealthAttempt = TimeSpan.FromSeconds(8);

    private readonly HttpClient _http;

    public EdgeAdminClient(Uri address, HttpMessageHandler? handler = null)
    {
        Address = address;
        // No proxy: an admin address is the host's own loopback, whatever HTTP_PROXY says. Timeouts are per call.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Address { get; }

    public Task<EdgeHealthView> GetHealthAsync(CancellationToken cancellationToken = default) =>
        CallAsync<EdgeHealthView>(HttpMethod.Get, AdminPaths.Health, null, cancellationToken);

    public Task<RouteTableView> GetRoutesAsync(CancellationToken cancellationToken = default) =>
        CallAsync<RouteTableView>(HttpMethod.Get, AdminPaths.Routes, null, cancellationToken);

    /// <summary>Per upstream: outcomes since the edge started and over its sliding window, with latency percentiles.</summary>
    public Task<EdgeMetricsView> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<EdgeMetricsView>(HttpMethod.Get, AdminPaths.Metrics, null, cancellationToken);

    /// <summary>Pins requests carrying <see cref="AdminPaths.CandidateHeader"/> to the candidate; the answer holds the token (keep it out of logs).</summary>
    public Task<CandidateView> SetCandidateAsync(CandidateChange change, CancellationToken cancellationToken = default) =>
        CallAsync<CandidateView>(HttpMethod.Put, AdminPaths.Candidate, change, cancellationToken);

    /// <summary>Ends pinning; the token is refused from now on. False when there was no candidate.</summary>
    public Task<bool> ClearCandidateAsync(CancellationToken cancellationToken = default) => DeleteAsync(AdminPaths.Candidate, cancellationToken);

    /// <summary>
    /// Gives the canary its share of requests beside the active route; with a health path, once the edge's own check
    /// passes (asked again every <paramref name="pollInterval"/> until <paramref name="timeout"/>). Throws
    /// <see cref="EdgeAdminException"/> when the edge refuses (nothing changed then).
    /// </summary>
    public Task<CanaryView> SetCanaryAsync(CanaryChange change, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        change.HealthPath is null
            ? CallAsync<CanaryView>(HttpMethod.Put, AdminPaths.Canary, change, cancellationToken)
            : UntilHealthyAsync(() => CallAsync<CanaryView>(HttpMethod.Put, AdminPaths.Canary, change, cancellationToken), timeout, pollInterval, cancellationToken);

    /// <summary>Ends the canary split: every request takes the active route. False when there was none.</summary>
    public Task<bool> ClearCanaryAsync(CancellationToken cancellationToken = default) => DeleteAsync(AdminPaths.Canary, cancellationToken);

    /// <summary>Switches the route; throws <see cref="EdgeAdminException"/> when the edge refuses (nothing changed then).</summary>
    public Task<RouteSwitchResult> SwitchAsync(RouteChange change, CancellationToken cancellationToken = default) =>
        CallAsync<RouteSwitchResult>(HttpMethod.Put, AdminPaths.Routes, change, cancellationToken);

    /// <summary>
    /// Switches as soon as the edge's own health check of the new upstream passes, asking again every
    /// <paramref name="pollInterval"/> until <paramref name="timeout"/>: the edge probes it over the network the traffic
    /// will take, so the route changes the moment it answers rather than at Docker's next scheduled health check. Throws
    /// the last refusal when it never answers; any other refusal (conflict, bad input) at once.
    /// </summary>
    public Task<RouteSwitchResult> SwitchWhenHealthyAsync(RouteChange change, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        if (change.HealthPath is null)
            throw new ArgumentException("A switch that waits for health needs the health path the edge should check.", nameof(change));
        return UntilHealthyAsync(() => SwitchAsync(change, cancellationToken), timeout, pollInterval, cancellationToken);
    }

    /// <summary>
    /// Polls <c>GET /routes</c> until <paramref name="upstream"/> has nothing in flight (or is no longer listed), or the
    /// timeout passes. Call it after switching away from the upstream, before stopping its container.
    /// </summary>
    public Task<DrainResult> WaitForDrainAsync(string upstream, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        DrainAsync(upstream, async ct =>
        {
            var entry = Entry(await GetRoutesAsync(ct), upstream, replacedOnly: false);
            if (entry is { Active: true })
                throw new InvalidOperationException($"{upstream} is the active upstream again; it will not drain. Was the route switched back meanwhile?");
            return entry?.InFlight ?? 0;
        }, timeout, pollInterval, cancellationToken);

    /// <summary>True once <c>GET /health</c> answers, false when the timeout passes first (a new edge takes about a second).</summary>
    public async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var attempt = FirstHealthAttempt;
        while (true)
        {
            try
            {
                // No attempt runs far past the timeout, and none gets less than the first.
                var budget = TimeSpan.FromTicks(Math.Max(Math.Min(attempt.Ticks, (timeout - clock.Elapsed).Ticks), FirstHealthAttempt.Ticks));
                using var response = await SendAsync(HttpMethod.Get, AdminPaths.Health, null, budget, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return true;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A docker exec of the admin client takes over a second on a busy host: an attempt that ran out gets
                // twice the time next, or no attempt would ever finish.
                attempt = TimeSpan.FromTicks(Math.Min(attempt.Ticks * 2, MaxHealthAttempt.Ticks));
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not listening yet (or docker-proxy accepted but the edge has not): try again.
            }
            if (clock.Elapsed >= timeout)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The declared host services.</summary>
    public async Task<IReadOnlyList<HostView>> ListAsync(CancellationToken cancellationToken = default) =>
        await CallAsync<List<HostView>>(HttpMethod.Get, HostPaths.Hosts, null, cancellationToken);

    /// <summary>Declares (or re-declares, idempotently) a host service with its TLS mode.</summary>
    public Task<HostView> DeclareAsync(string host, string tls, string? pathPrefix = null, CancellationToken cancellationToken = default) =>
        CallAsync<HostView>(HttpMethod.Put, $"{HostPaths.Hosts}/{host}", new HostDeclarationChange(pathPrefix, tls), cancellationToken);

    /// <summary>Issues a certificate when the edge's renewal policy says one is needed, and waits; a kept one answers at once (<c>Issued: false</c>).</summary>
    /// <exception cref="EdgeAdminException">No certificate: its <c>cause</c> (dns, connection, ratelimited, …) is in <see cref="EdgeAdminException.Type"/> and the detail names the fix.</exception>
    public Task<CertificateStatusView> IssueAsync(string host, CancellationToken cancellationToken = default) =>
        CallAsync<CertificateStatusView>(HttpMethod.Post, $"{HostPaths.Hosts}/{host}/certificate", null, cancellationToken, IssueTimeout);

    public Task<CertificateStatusView> CertificateAsync(string host, CancellationToken cancellationToken = default) =>
        CallAsync<CertificateStatusView>(HttpMethod.Get, $"{HostPaths.Hosts}/{host}/certificate", null, cancellationToken);

    /// <summary>Serves the user's own certificate for the host; the PEMs travel on the exec's standard input, never a command line.</summary>
    public Task<CertificateStatusView> UseFilesAsync(string host, CertificateFilesChange files, CancellationToken cancellationToken = default) =>
        CallAsync<CertificateStatusView>(HttpMethod.Put, $"{HostPaths.Hosts}/{host}/certificate", files, cancellationToken);

    /// <summary>Switches one host's route; 409 (generation), 422 (unhealthy) and 404 (not declared) throw <see cref="EdgeAdminException"/>.</summary>
    public Task<RouteSwitchResult> SwitchAsync(string host, RouteChange change, CancellationToken cancellationToken = default) =>
        CallAsync<RouteSwitchResult>(HttpMethod.Put, $"{HostPaths.Hosts}/{host}/route", change, cancellationToken);

    /// <summary>Switches one host's route once the edge's own check of the health path passes, asking again until the timeout.</summary>
    public Task<RouteSwitchResult> SwitchWhenHealthyAsync(string host, RouteChange change, TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken = default) =>
        UntilHealthyAsync(() => SwitchAsync(host, change, cancellationToken), timeout, pollInterval, cancellationToken);

    /// <summary>One host service's table as <c>GET /routes</c> shows the host-less one's.</summary>
    public Task<RouteTableView> RoutesAsync(string host, CancellationToken cancellationToken = default) =>
        CallAsync<RouteTableView>(HttpMethod.Get, $"{HostPaths.Hosts}/{host}/routes", null, cancellationToken);

    /// <summary>Polls the host's table until <paramref name="upstream"/>, once replaced, has nothing in flight, or the timeout passes.</summary>
    public Task<DrainResult> WaitForDrainAsync(string host, string upstream, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        DrainAsync(upstream, async ct => Entry(await RoutesAsync(host, ct), upstream, replacedOnly: true)?.InFlight ?? 0, timeout, null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static UpstreamView? Entry(RouteTableView table, string upstream, bool replacedOnly)
    {
        var key = UpstreamAddress.Normalize(upstream);
        return table.Upstreams.FirstOrDefault(u => !(replacedOnly && u.Active) && UpstreamAddress.Normalize(u.Upstream) == key);
    }

    private static async Task<DrainResult> DrainAsync(string upstream, Func<CancellationToken, Task<long>> inFlightNow, TimeSpan timeout, TimeSpan? pollInterval, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var inFlight = await inFlightNow(cancellationToken);
            if (inFlight == 0)
                return new DrainResult(upstream, true, 0, clock.Elapsed);
            if (clock.Elapsed >= timeout)
                return new DrainResult(upstream, false, inFlight, clock.Elapsed);
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>Asks again while the edge's answer is "the new upstream is not healthy yet", until the timeout; any other refusal at once.</summary>
    private static async Task<T> UntilHealthyAsync<T>(Func<Task<T>> attempt, TimeSpan timeout, TimeSpan? pollInterval, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (EdgeAdminException e) when (e.UpstreamUnhealthy && clock.Elapsed < timeout)
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, RequestTimeout, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return false;
        if (!response.IsSuccessStatusCode)
            throw await EdgeAdminException.FromAsync(response, cancellationToken);
        return true;
    }

    private async Task<T> CallAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var response = await SendAsync(method, path, body, timeout ?? RequestTimeout, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await EdgeAdminException.FromAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(EdgeJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"The edge answered {method} {path} with an empty body.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: EdgeJson.Options) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException($"The edge's admin API did not answer {method} {path} within {timeout.TotalSeconds:0} s.", new TimeoutException(e.Message));
        }
    }
}
