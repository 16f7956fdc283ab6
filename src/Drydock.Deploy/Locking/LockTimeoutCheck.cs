namespace Drydock.Deploy;

/// <summary>A lock timeout must outlast the run's own verification window, or another run could take a live lock.</summary>
public static class LockTimeoutCheck
{
    /// <summary>Beyond the window: health waits, the switch and retiring, and a missed heartbeat or two.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    /// <returns>What is wrong and how to fix it, or null.</returns>
    public static string? Problem(EnvironmentConfig config)
    {
        var window = config.Verification.WindowOrOff;
        var least = window + Margin;
        return config.LockTimeout >= least ? null
            : $"lockTimeout {Format(config.LockTimeout)} is shorter than the verification window {Format(window)} plus a {Format(Margin)} margin: "
              + $"set lockTimeout to at least {Format(least)} (or shorten the window)";
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{(span.Seconds > 0 ? $"{span.Seconds:00}s" : "")}" : $"{(int)span.TotalSeconds}s";
}
