using System.Diagnostics;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// For the edge's own tests: the edge half of a zero-downtime replace, once the new release is healthy: switch the route (guarded by the
/// generation just read, and after the edge's own health check of the new upstream), then wait for the old upstream's
/// in-flight requests, bounded by the drain timeout. The caller stops the old container afterwards; the result says
/// whether it drained or the timeout cut it short.
/// </summary>
public static class EdgeCutover
{
    public static async Task<CutoverResult> SwitchAndDrainAsync(EdgeAdminClient edge, RouteChange change, TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var before = await edge.GetRoutesAsync(cancellationToken);
        var switched = await edge.SwitchAsync(change with { ExpectedGeneration = change.ExpectedGeneration ?? before.Generation }, cancellationToken);
        var switchedAfter = clock.Elapsed;
        DrainResult? drain = null;
        if (switched.Previous is { } previous && UpstreamAddress.Normalize(previous.Upstream) != UpstreamAddress.Normalize(switched.Active.Upstream))
            drain = await edge.WaitForDrainAsync(previous.Upstream, drainTimeout, cancellationToken: cancellationToken);
        return new CutoverResult(switched, drain, switchedAfter, clock.Elapsed);
    }
}

/// <summary>What <see cref="EdgeCutover.SwitchAndDrainAsync"/> did.</summary>
/// <param name="Drain">Null when no other upstream was replaced (first route, or the same upstream with a new version).</param>
public sealed record CutoverResult(RouteSwitchResult Switch, DrainResult? Drain, TimeSpan SwitchedAfter, TimeSpan Took)
{
    /// <summary>The upstream whose container may be stopped now; null when none was replaced.</summary>
    public string? Replaced => Drain?.Upstream;
}
