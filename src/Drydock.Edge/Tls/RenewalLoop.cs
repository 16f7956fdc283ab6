using System.Collections.Concurrent;
using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tls;

/// <summary>
/// Renews ACME certificates in the background: once the listeners are up, then every interval (<see cref="HttpsOptions.RenewalCheckInterval"/>) each ACME
/// host is put to <see cref="CertificateService.EnsureAsync"/>, which issues only inside the renewal window (or when missing).
/// The old certificate is served until the new one is swapped in, so a renewal has no gap. Any failure is logged,
/// recorded for the host's status (<see cref="LastAttempt"/>) and tried again at the next check, well before expiry:
/// only the loop's own stop ends it, since nothing would restart it and every host on the edge would expire.
/// </summary>
/// <param name="acmeHosts">The hosts whose certificates ACME issues, read at every check.</param>
/// <param name="renew"><see cref="CertificateService.EnsureAsync"/> in the edge.</param>
public sealed class RenewalLoop(Func<IEnumerable<DnsName>> acmeHosts, Func<DnsName, CancellationToken, Task> renew, TimeSpan interval, TimeProvider time, ILogger log) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<DnsName, RenewalAttemptView> _last = new();
    private Task _running = Task.CompletedTask;

    public void Start() => _running = RunAsync(_stop.Token);

    /// <summary>Issues for a newly declared host without holding up the declaration (a deploy waits with <c>POST …/certificate</c>).</summary>
    public void IssueSoon(DnsName host) => _ = CheckAsync(host, _stop.Token);

    /// <summary>The outcome of the last background check of <paramref name="host"/>, with when one last succeeded; null before the first.</summary>
    public RenewalAttemptView? LastAttempt(DnsName host) => _last.GetValueOrDefault(host);

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
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            IReadOnlyList<DnsName> hosts;
            try
            {
                hosts = [.. acmeHosts().Distinct()];
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log.LogError(e, "The hosts to renew could not be read; next try in {Interval}.", interval);
                continue;
            }
            foreach (var host in hosts)
                await CheckAsync(host, stop);
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task CheckAsync(DnsName host, CancellationToken stop)
    {
        try
        {
            await renew(host, stop);
            Record(host, problem: null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (AcmeException e)
        {
            Record(host, $"{e.Cause}: {e.Message}");
            log.LogError("No new certificate for {Host} ({Cause}): {Problem}. The current one (if any) is still served; next try in {Interval}.",
                host.Value, e.Cause, e.Message, interval);
        }
        catch (Exception e)
        {
            // A timeout's TaskCanceledException, malformed JSON from the CA, an unwritable store: all are retried.
            Record(host, $"{e.GetType().Name}: {e.Message}");
            log.LogError(e, "No new certificate for {Host}; the current one (if any) is still served; next try in {Interval}.", host.Value, interval);
        }
    }

    private void Record(DnsName host, string? problem)
    {
        var now = time.GetUtcNow();
        _last.AddOrUpdate(host,
            _ => new RenewalAttemptView(now, problem is null, problem, problem is null ? now : null),
            (_, before) => new RenewalAttemptView(now, problem is null, problem, problem is null ? now : before.LastSucceededAt));
    }
}
