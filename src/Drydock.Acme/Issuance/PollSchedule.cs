using System.Net.Http.Headers;

namespace Drydock.Acme;

/// <summary>How long to wait for a pending authorization or a processing order, and when to give up.</summary>
/// <param name="FirstInterval">The first wait when the server sends no Retry-After; each further one doubles.</param>
/// <param name="MaxInterval">The longest wait chosen by us (a server's Retry-After may ask for more).</param>
/// <param name="Timeout">The bound on one whole wait (validation, or issuance after finalize).</param>
public sealed record PollSettings(TimeSpan FirstInterval, TimeSpan MaxInterval, TimeSpan Timeout)
{
    public static PollSettings Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));
}

public static class PollSchedule
{
    /// <summary>
    /// The next wait: the server's Retry-After (seconds or a date, RFC 8555 8.2) when it sent one, else our own
    /// backoff (first interval, doubling, capped); null when that wait would end past the deadline, so the caller
    /// stops with a timeout instead of sleeping into it.
    /// </summary>
    /// <param name="attempt">0 for the first wait of this poll loop.</param>
    public static TimeSpan? NextDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, DateTimeOffset deadline, int attempt, PollSettings settings)
    {
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - now : Backoff(attempt, settings));
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        return now + delay > deadline ? null : delay;
    }

    private static TimeSpan Backoff(int attempt, PollSettings settings)
    {
        var doubled = settings.FirstInterval * Math.Pow(2, Math.Min(attempt, 20));
        return doubled < settings.MaxInterval ? doubled : settings.MaxInterval;
    }
}
