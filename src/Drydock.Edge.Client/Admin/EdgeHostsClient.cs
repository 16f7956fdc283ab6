using System.Diagnostics;
using System.Net.Http.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Client;

/// <summary>
/// The host-route half of the edge's admin API, typed (see src/Drydock.Edge/HOSTS.md): list, declare, certificate
/// (read, issue and wait, the user's own files), switch one host's route, and wait for one host's replaced upstream to
/// drain. Same transport as <see cref="EdgeAdminClient"/>: the handler (docker exec of the edge's admin client).
/// </summary>
public sealed class EdgeHostsClient : IDisposable
{
    private readonly HttpClient _http;

    public EdgeHostsClient(Uri address, HttpMessageHandler handler)
    {
        // Issuing a certificate waits for the ACME server: an order, a validation, a download.
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task<IReadOnlyList<HostView>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(HostPaths.Hosts, cancellationToken);
        return await EdgeAdminClient.ReadAsync<List<HostView>>(response, cancellationToken);
    }

    /// <summary>Declares (or re-declares, idempotently) a host route with its TLS mode.</summary>
    public async Task<HostView> DeclareAsync(string host, string tls, string? pathPrefix = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync($"{HostPaths.Hosts}/{host}", new HostDeclarationChange(pathPrefix, tls), EdgeJson.Options, cancellationToken);
        return await EdgeAdminClient.ReadAsync<HostView>(response, cancellationToken);
    }

    /// <summary>Issues a certificate when the edge's renewal policy says one is needed, and waits; a kept one answers at once (<c>Issued: false</c>).</summary>
    /// <exception cref="EdgeAdminException">No certificate: its <c>cause</c> (dns, connection, ratelimited, …) is in <see cref="EdgeAdminException.Type"/> and the detail names the fix.</exception>
    public async Task<CertificateStatusView> IssueAsync(string host, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync($"{HostPaths.Hosts}/{host}/certificate", null, cancellationToken);
        return await EdgeAdminClient.ReadAsync<CertificateStatusView>(response, cancellationToken);
    }

    public async Task<CertificateStatusView> CertificateAsync(string host, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"{HostPaths.Hosts}/{host}/certificate", cancellationToken);
        return await EdgeAdminClient.ReadAsync<CertificateStatusView>(response, cancellationToken);
    }

    /// <summary>Serves the user's own certificate for the host; the PEMs travel on the exec's standard input, never a command line.</summary>
    public async Task<CertificateStatusView> UseFilesAsync(string host, CertificateFilesChange files, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync($"{HostPaths.Hosts}/{host}/certificate", files, EdgeJson.Options, cancellationToken);
        return await EdgeAdminClient.ReadAsync<CertificateStatusView>(response, cancellationToken);
    }

    /// <summary>Switches one host's route; 409 (generation), 422 (unhealthy) and 404 (not declared) throw <see cref="EdgeAdminException"/>.</summary>
    public async Task<RouteSwitchResult> SwitchAsync(string host, RouteChange change, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync($"{HostPaths.Hosts}/{host}/route", change, EdgeJson.Options, cancellationToken);
        return await EdgeAdminClient.ReadAsync<RouteSwitchResult>(response, cancellationToken);
    }

    /// <summary>Switches once the edge's own check of the health path passes, asking again until the timeout.</summary>
    public async Task<RouteSwitchResult> SwitchWhenHealthyAsync(string host, RouteChange change, TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await SwitchAsync(host, change, cancellationToken);
            }
            catch (EdgeAdminException e) when (e.UpstreamUnhealthy && clock.Elapsed < timeout)
            {
                await Task.Delay(pollInterval, cancellationToken);
            }
        }
    }

    public async Task<RouteTableView> RoutesAsync(string host, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"{HostPaths.Hosts}/{host}/routes", cancellationToken);
        return await EdgeAdminClient.ReadAsync<RouteTableView>(response, cancellationToken);
    }

    /// <summary>Polls the host's table until <paramref name="upstream"/> has nothing in flight, or the timeout passes.</summary>
    public async Task<DrainResult> WaitForDrainAsync(string host, string upstream, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var key = UpstreamAddress.Normalize(upstream);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var table = await RoutesAsync(host, cancellationToken);
            var inFlight = table.Upstreams.FirstOrDefault(u => !u.Active && UpstreamAddress.Normalize(u.Upstream) == key)?.InFlight ?? 0;
            if (inFlight == 0)
                return new DrainResult(upstream, true, 0, clock.Elapsed);
            if (clock.Elapsed >= timeout)
                return new DrainResult(upstream, false, inFlight, clock.Elapsed);
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
