using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>One reading of the edge during a canary window: the serving release's and the canary's totals and window latency.</summary>
public sealed record CanaryReading(TrafficCountsView Stable, LatencyView StableLatency, TrafficCountsView Canary, LatencyView CanaryLatency)
{
    private static readonly TrafficCountsView Nothing = new(0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly LatencyView NoLatency = new(0, null, null);

    /// <summary>From <c>GET /metrics</c>: an upstream the edge does not list has served nothing yet.</summary>
    public static CanaryReading Of(UpstreamMetricsView? stable, UpstreamMetricsView? canary) =>
        new(stable?.Total ?? Nothing, stable?.Latency ?? NoLatency, canary?.Total ?? Nothing, canary?.Latency ?? NoLatency);
}

/// <summary>
/// Pure: the verdict on a canary from the traffic both releases served in the same window (since the canary was set),
/// so the baseline saw the same load, time of day and clients as the canary did: the serving release's requests since
/// the start are the baseline, the canary's are the window, judged by <see cref="VerificationVerdict.Judge"/>'s rules.
/// </summary>
public static class CanaryJudgement
{
    public const string BaselineLabel = "the serving release in the same window";

    public static VerificationVerdict Judge(CanaryReading start, CanaryReading now, VerificationPolicy policy, bool windowOver) =>
        VerificationVerdict.Judge(
            TrafficSample.Between(start.Stable, now.Stable, now.StableLatency),
            TrafficSample.Between(start.Canary, now.Canary, now.CanaryLatency),
            policy, windowOver, BaselineLabel);
}
