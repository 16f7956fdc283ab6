using System.Net.Http.Headers;

namespace Drydock.Acme;

/// <summary>How long to wait for a pending authorization or a processing order, and when to give up.</summary>
/// <param name="Interval">The wait when the server sends no Retry-After.</param>
/// <param name="Timeout">The bound on one whole wait (validation, or issuance after finalize).</param>
public sealed record PollSettings(TimeSpan Interval, TimeSpan Timeout)
{
    public static PollSettings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
}

public static class PollSchedule
{
    /// <summary>
    /// The next wait: the server's Retry-After (seconds or a date, RFC 8555 8.2) when it sent one, else the interval;
    /// null when that wait would end past the deadline, so the caller stops with a timeout instead of sleeping into it.
    /// </summary>
    public static TimeSpan? NextDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, DateTimeOffset deadline, TimeSpan interval)
    {
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - now : interval);
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        return now + delay > deadline ? null : delay;
    }
}
