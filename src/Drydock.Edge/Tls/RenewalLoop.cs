using Drydock.Acme;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Tls;

/// <summary>
/// Renews ACME certificates in the background: once the listeners are up, then every <see cref="HttpsOptions.RenewalCheckInterval"/> each ACME host is
/// put to <see cref="CertificateService.EnsureAsync"/>, which issues only inside the renewal window (or when missing).
/// The old certificate is served until the new one is swapped in, so a renewal has no gap; a failed one is logged and
/// tried again at the next check, well before expiry.
/// </summary>
public sealed class RenewalLoop(Router router, CertificateService certificates, HttpsOptions options, ILogger<RenewalLoop> log) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public void Start() => _running = RunAsync(_stop.Token);

    /// <summary>Issues for a newly declared host without holding up the declaration (a deploy waits with <c>POST …/certificate</c>).</summary>
    public void IssueSoon(DnsName host) => _ = CheckAsync(host, _stop.Token);

    /// <summary>Stops the loop; the public application's service provider calls it when the edge is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.RenewalCheckInterval);
        do
        {
            foreach (var host in router.Hosts.Where(h => h.Tls == TlsMode.Acme).Select(h => h.Key.Host!).Distinct())
                await CheckAsync(host, stop);
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task CheckAsync(DnsName host, CancellationToken stop)
    {
        try
        {
            await certificates.EnsureAsync(host, stop);
        }
        catch (AcmeException e)
        {
            log.LogError("No new certificate for {Host} ({Cause}): {Problem}. The current one (if any) is still served; next try in {Interval}.",
                host.Value, e.Cause, e.Message, options.RenewalCheckInterval);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            log.LogError(e, "No new certificate for {Host}; the current one (if any) is still served", host.Value);
        }
    }
}
