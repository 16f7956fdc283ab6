using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tls;

/// <summary>
/// Renews ACME certificates in the background: once the listeners are up, then every interval (<see cref="HttpsOptions.RenewalCheckInterval"/>) each ACME
/// host is put to <see cref="CertificateService.EnsureAsync"/>, which issues only inside the renewal window (or when missing).
/// The old certificate is served until the new one is swapped in, so a renewal has no gap. Any failure is logged,
/// recorded for the host's status (<see cref="LastAttempt"/>) and that host is tried again sooner, backing off
/// (<see cref="RenewalBackoff"/>), well before expiry: only the loop's own stop ends it, since nothing would restart it
/// and every host on the edge would expire.
/// </summary>
/// <param name="acmeHosts">The hosts whose certificates ACME issues, read at every check.</param>
/// <param name="renew"><see cref="CertificateService.EnsureAsync"/> in the edge.</param>
/// <param name="firstRetry">The wait after a host's first failure (<see cref="RenewalBackoff.FirstRetry"/> unless a test says otherwise).</param>
public sealed class RenewalLoop(Func<IEnumerable<DnsName>> acmeHosts, Func<DnsName, CancellationToken, Task> renew, TimeSpan interval, TimeProvider time, ILogger log,
    TimeSpan? firstRetry = null) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _firstRetry = firstRetry ?? RenewalBackoff.FirstRetry;
    private readonly RenewalSchedule _schedule = new(interval, firstRetry ?? RenewalBackoff.FirstRetry, time);
    private Task _running = Task.CompletedTask;

    public void Start() => _running = RunAsync(_stop.Token);

    /// <summary>Issues for a newly declared host without holding up the declaration (a deploy waits with <c>POST …/certificate</c>).</summary>
    public void IssueSoon(DnsName host) => _ = CheckAsync(host, _stop.Token);

    /// <summary>The outcome of the last background check of <paramref name="host"/>, with when one last succeeded; null before the first.</summary>
    public RenewalAttemptView? LastAttempt(DnsName host) => _schedule.Last(host);

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
        // Ticks as often as the shortest wait; each tick checks only the hosts whose wait is over.
        using var timer = new PeriodicTimer(_firstRetry < interval ? _firstRetry : interval, time);
        do
        {
            IReadOnlyList<DnsName> hosts;
            try
            {
                hosts = [.. acmeHosts().Distinct()];
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log.LogError(e, "The hosts to renew could not be read; next try in {Tick}.", _firstRetry < interval ? _firstRetry : interval);
                continue;
            }
            foreach (var host in hosts.Where(_schedule.IsDue))
                await CheckAsync(host, stop);
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task CheckAsync(DnsName host, CancellationToken stop)
    {
        try
        {
            await renew(host, stop);
            _schedule.Record(host, problem: null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (AcmeException e)
        {
            var wait = _schedule.Record(host, $"{e.Cause}: {e.Message}");
            log.LogError("No new certificate for {Host} ({Cause}): {Problem}. The current one (if any) is still served; next try in {Wait}.",
                host.Value, e.Cause, e.Message, wait);
        }
        catch (Exception e)
        {
            // A timeout's TaskCanceledException, malformed JSON from the CA, an unwritable store: all are retried.
            var wait = _schedule.Record(host, $"{e.GetType().Name}: {e.Message}");
            log.LogError(e, "No new certificate for {Host}; the current one (if any) is still served; next try in {Wait}.", host.Value, wait);
        }
    }
}
