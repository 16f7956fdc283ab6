using System.Globalization;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// What one upstream served over a stretch of time, as the verdict needs it: requests that ended (the client did not give
/// up), errors among them (5xx and requests the upstream never answered) and the p99 latency (null: nothing answered).
/// </summary>
public sealed record TrafficSample(long Requests, long Errors, double? P99Milliseconds)
{
    public static readonly TrafficSample None = new(0, 0, null);

    /// <summary>Null when nothing was served.</summary>
    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;

    /// <summary>The edge's sliding window of one upstream (the previous release's baseline).</summary>
    public static TrafficSample Of(TrafficCountsView counts, LatencyView latency) =>
        new(counts.Requests - counts.ClientGone, counts.Status5xx + counts.UpstreamFailures, latency.P99Milliseconds);

    /// <summary>What happened between two readings of an upstream's totals, with the latency of the edge's window.</summary>
    public static TrafficSample Between(TrafficCountsView start, TrafficCountsView now, LatencyView latency) =>
        new(now.Requests - now.ClientGone - (start.Requests - start.ClientGone),
            now.Status5xx + now.UpstreamFailures - (start.Status5xx + start.UpstreamFailures),
            latency.P99Milliseconds);

    public string Describe() =>
        Requests == 0 ? "no requests"
        : string.Create(CultureInfo.InvariantCulture, $"{Errors} of {Requests} requests failed ({VerificationVerdict.Percent(ErrorRate!.Value)}){(P99Milliseconds is { } p99 ? $", p99 {p99:0} ms" : "")}");
}
