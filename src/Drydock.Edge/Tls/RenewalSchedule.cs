using System.Collections.Concurrent;
using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tls;

/// <summary>
/// Per host: the last check's outcome (what Status shows), the failures in a row, and when the next check is due
/// (<see cref="RenewalBackoff"/>). A host never checked is due at once.
/// </summary>
public sealed class RenewalSchedule(TimeSpan interval, TimeSpan firstRetry, TimeProvider time)
{
    private sealed record Entry(RenewalAttemptView Last, int Failures, DateTimeOffset Due);

    private readonly ConcurrentDictionary<DnsName, Entry> _hosts = new();

    public RenewalAttemptView? Last(DnsName host) => _hosts.GetValueOrDefault(host)?.Last;

    /// <summary>
    /// Half the loop's tick: a check recorded a little after a tick began (the renewal took a while, or another host
    /// came first) is due at the tick one wait later, not the one after.
    /// </summary>
    private readonly TimeSpan _slack = (firstRetry < interval ? firstRetry : interval) / 2;

    public bool IsDue(DnsName host) => !_hosts.TryGetValue(host, out var entry) || time.GetUtcNow() + _slack >= entry.Due;

    /// <summary>Records a check (<paramref name="problem"/> null for a success) and answers the wait until the next one.</summary>
    public TimeSpan Record(DnsName host, string? problem)
    {
        var now = time.GetUtcNow();
        var entry = _hosts.AddOrUpdate(host,
            _ => Next(now, problem, failures: 0, lastSuccess: null),
            (_, before) => Next(now, problem, before.Failures, before.Last.LastSucceededAt));
        return entry.Due - now;
    }

    private Entry Next(DateTimeOffset now, string? problem, int failures, DateTimeOffset? lastSuccess)
    {
        var succeeded = problem is null;
        var row = succeeded ? 0 : failures + 1;
        return new Entry(new RenewalAttemptView(now, succeeded, problem, succeeded ? now : lastSuccess), row, now + RenewalBackoff.Delay(row, firstRetry, interval));
    }
}
