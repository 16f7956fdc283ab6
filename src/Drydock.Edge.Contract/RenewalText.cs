namespace Drydock.Edge.Contract;

/// <summary>How the edge's health and Drydock's Status phrase a background renewal, so both read the same.</summary>
public static class RenewalText
{
    /// <summary>"45s", "12m", "5h", "3d": the coarsest unit that is at least one.</summary>
    public static string Ago(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays}d" : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m" : $"{Math.Max(0, (int)span.TotalSeconds)}s";

    /// <summary>"renewal: checked 5m ago, ok" or "renewal: failed 2h ago (cause), last success 3d ago".</summary>
    public static string Describe(RenewalAttemptView last, DateTimeOffset now)
    {
        if (last.Succeeded)
            return $"renewal: checked {Ago(now - last.At)} ago, ok";
        var success = last.LastSucceededAt is { } ok ? $"last success {Ago(now - ok)} ago" : "no success since the edge started";
        return $"renewal: failed {Ago(now - last.At)} ago ({last.Problem}), {success}";
    }
}
