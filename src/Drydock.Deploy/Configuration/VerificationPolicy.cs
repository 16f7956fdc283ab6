namespace Drydock.Deploy;

/// <summary>
/// How a new release is judged on real traffic after the switch (<c>"verification"</c> in the environment file). The
/// window is off (zero) unless the environment file or the build's <c>--verify-for</c> (default 30s) turns it on; the
/// library's default stays off so a plain <see cref="ReleaseManager"/> call never waits unasked.
/// </summary>
public sealed record VerificationPolicy
{
    /// <summary>
    /// How long the new release is watched while the previous one keeps running; zero turns verification off. Null: not
    /// set, which the library reads as off and the build as its <c>--verify-for</c> default (30s).
    /// </summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The window in force; zero when off. Derived, so never written with the recorded configuration.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan WindowOrOff => Window ?? TimeSpan.Zero;

    /// <summary>Absolute limit: a larger share of 5xx and unanswered requests fails the release whatever the baseline was.</summary>
    public double MaxErrorRate { get; init; } = 0.05;

    /// <summary>Absolute limit on the p99 latency; null: only the relative rule applies.</summary>
    public TimeSpan? MaxP99 { get; init; }

    /// <summary>Relative rule: the error rate may be at most the baseline's times this, plus <see cref="ErrorRateSlack"/>.</summary>
    public double ErrorRateFactor { get; init; } = 2.0;

    /// <summary>Added to the relative error-rate allowance so a baseline of 0% does not make one error a failure.</summary>
    public double ErrorRateSlack { get; init; } = 0.01;

    /// <summary>Relative rule: the p99 may be at most the baseline's times this, plus <see cref="P99Slack"/>.</summary>
    public double P99Factor { get; init; } = 3.0;

    /// <summary>Added to the relative p99 allowance so a 2 ms baseline does not make a 10 ms answer a failure.</summary>
    public TimeSpan P99Slack { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Fewer requests than this cannot be judged: the window is called quiet and passes (a baseline below it is not used).</summary>
    public int MinRequests { get; init; } = 20;

    /// <summary>Every problem at once, in the environment file's words.</summary>
    public IEnumerable<string> Problems()
    {
        if (Window < TimeSpan.Zero)
            yield return "verification.window cannot be negative";
        if (MaxErrorRate is < 0 or > 1)
            yield return $"verification.maxErrorRate {MaxErrorRate} must be between 0 and 1 (0.05 is 5%)";
        if (MaxP99 is { } p99 && p99 <= TimeSpan.Zero)
            yield return "verification.maxP99 must be positive";
        if (ErrorRateFactor < 1 || P99Factor < 1)
            yield return "verification.errorRateFactor and p99Factor must be at least 1";
        if (ErrorRateSlack < 0 || P99Slack < TimeSpan.Zero)
            yield return "verification.errorRateSlack and p99Slack cannot be negative";
        if (MinRequests < 1)
            yield return "verification.minRequests must be at least 1";
    }
}
