namespace Drydock.Edge.Tls;

/// <summary>
/// How long the background renewal waits before it checks a host again: the interval after a success, sooner after
/// failures (the first retry, doubling each time, never past the interval), so a CA outage of a few minutes is retried
/// within minutes rather than an hour later, and a long one is not hammered.
/// </summary>
public static class RenewalBackoff
{
    /// <summary>The wait after the first failure of a row.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    public static TimeSpan Delay(int consecutiveFailures, TimeSpan firstRetry, TimeSpan interval)
    {
        if (consecutiveFailures <= 0 || firstRetry >= interval)
            return interval;
        // The exponent is capped so the doubling cannot overflow; the interval caps the wait long before.
        var ticks = firstRetry.Ticks * Math.Pow(2, Math.Min(consecutiveFailures - 1, 40));
        return ticks >= interval.Ticks ? interval : TimeSpan.FromTicks((long)ticks);
    }
}
