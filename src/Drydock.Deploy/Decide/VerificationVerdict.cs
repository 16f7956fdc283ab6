using System.Globalization;

namespace Drydock.Deploy;

/// <summary>
/// The verdict on a new release's traffic after the switch, from the previous release's baseline (its traffic over the
/// edge's window, read before the switch) and the new release's traffic since the switch. Pure; unit-tested as data.
/// <list type="bullet">
/// <item>fewer than <see cref="VerificationPolicy.MinRequests"/>: <see cref="Undecided"/> while the window runs, <see cref="Quiet"/> (passes) at its end;</item>
/// <item>absolute limits: error rate above <see cref="VerificationPolicy.MaxErrorRate"/>, p99 above <see cref="VerificationPolicy.MaxP99"/>;</item>
/// <item>relative to a baseline with enough requests: error rate above baseline × factor + slack, p99 above baseline × factor + slack;</item>
/// <item>a failure is final at once (the revert should not wait for the window's end); a pass only at the end.</item>
/// </list>
/// </summary>
public abstract record VerificationVerdict(TrafficSample Window, TrafficSample? Baseline)
{
    /// <summary>What <see cref="Baseline"/> is, for the messages: the previous release before the switch, or the serving release beside a canary.</summary>
    public string BaselineLabel { get; init; } = "previous release before the switch";

    public abstract bool Final { get; }

    public abstract bool Passes { get; }

    public abstract string Describe();

    public sealed record Undecided(TrafficSample Window, TrafficSample? Baseline) : VerificationVerdict(Window, Baseline)
    {
        public override bool Final => false;
        public override bool Passes => false;
        public override string Describe() => $"not judged yet: {Window.Describe()}";
    }

    public sealed record Quiet(TrafficSample Window, TrafficSample? Baseline, int MinRequests) : VerificationVerdict(Window, Baseline)
    {
        public override bool Final => true;
        public override bool Passes => true;
        public override string Describe() => $"quiet window: {Window.Requests} request(s), fewer than the {MinRequests} needed to judge; passed unjudged";
    }

    public sealed record Passed(TrafficSample Window, TrafficSample? Baseline) : VerificationVerdict(Window, Baseline)
    {
        public override bool Final => true;
        public override bool Passes => true;
        public override string Describe() => $"verified: {Window.Describe()}; {DescribeBaseline()}";
    }

    public sealed record Failed(TrafficSample Window, TrafficSample? Baseline, IReadOnlyList<string> Reasons) : VerificationVerdict(Window, Baseline)
    {
        public override bool Final => true;
        public override bool Passes => false;
        public override string Describe() => $"failed verification: {string.Join("; ", Reasons)} ({Window.Describe()}; {DescribeBaseline()})";
    }

    /// <summary>The window ended early by <c>./build.sh Promote</c> or <c>Rollback</c>: final, and it passes when promoted.</summary>
    public sealed record EndedEarly(TrafficSample Window, TrafficSample? Baseline, WindowSignal Signal) : VerificationVerdict(Window, Baseline)
    {
        public override bool Final => true;
        public override bool Passes => Signal.Action == WindowAction.Promote;
        public override string Describe() =>
            $"{(Passes ? "promoted early" : "reverted")} by {Signal.By} with {Signal.Command} during the window: {Window.Describe()}; {DescribeBaseline()}";
    }

    /// <param name="baseline">The previous release's traffic before the switch; null on a first release.</param>
    /// <param name="windowOver">True at the window's end: a release that has not failed then passes.</param>
    /// <param name="baselineLabel">What the baseline is, for the messages (default: the previous release before the switch).</param>
    public static VerificationVerdict Judge(TrafficSample? baseline, TrafficSample window, VerificationPolicy policy, bool windowOver, string? baselineLabel = null)
    {
        var verdict = JudgeRules(baseline, window, policy, windowOver);
        return baselineLabel is null ? verdict : verdict with { BaselineLabel = baselineLabel };
    }

    private static VerificationVerdict JudgeRules(TrafficSample? baseline, TrafficSample window, VerificationPolicy policy, bool windowOver)
    {
        if (window.Requests < policy.MinRequests)
            return windowOver ? new Quiet(window, baseline, policy.MinRequests) : new Undecided(window, baseline);
        var usable = baseline is { } b && b.Requests >= policy.MinRequests ? b : null;
        var reasons = new List<string>();
        var rate = window.ErrorRate!.Value;
        if (rate > policy.MaxErrorRate)
            reasons.Add($"error rate {Percent(rate)} is above the limit maxErrorRate {Percent(policy.MaxErrorRate)}");
        else if (usable?.ErrorRate is { } baseRate && rate > baseRate * policy.ErrorRateFactor + policy.ErrorRateSlack)
            reasons.Add($"error rate {Percent(rate)} is above the previous release's {Percent(baseRate)} × {policy.ErrorRateFactor} + {Percent(policy.ErrorRateSlack)}");

        if (window.P99Milliseconds is { } p99)
        {
            if (policy.MaxP99 is { } max && p99 > max.TotalMilliseconds)
                reasons.Add($"p99 {p99:0} ms is above the limit maxP99 {max.TotalMilliseconds:0} ms");
            else if (usable?.P99Milliseconds is { } baseP99 && p99 > baseP99 * policy.P99Factor + policy.P99Slack.TotalMilliseconds)
                reasons.Add($"p99 {p99:0} ms is above the previous release's {baseP99:0} ms × {policy.P99Factor} + {policy.P99Slack.TotalMilliseconds:0} ms");
        }

        if (reasons.Count > 0)
            return new Failed(window, usable ?? baseline, reasons);
        return windowOver ? new Passed(window, baseline) : new Undecided(window, baseline);
    }

    private string DescribeBaseline() =>
        Baseline is null ? "no previous release to compare with" : $"{BaselineLabel}: {Baseline.Describe()}";

    /// <summary>"12.5%": one decimal, invariant, no space before the sign.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
