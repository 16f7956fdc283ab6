using System.Diagnostics;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Client;

/// <summary>
/// The edge half of a zero-downtime replace, once the new release is healthy: switch the route (guarded by the
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

    /// <summary>
    /// Switches as soon as the edge's own health check of the new upstream passes, asking again every
    /// <paramref name="pollInterval"/> until <paramref name="timeout"/>. For a release that is starting and known to
    /// have been healthy before (a rollback): the edge probes it over the network the traffic will take, so the route
    /// changes the moment it answers rather than at Docker's next scheduled health check. Throws the last refusal when
    /// it never answers; any other refusal (conflict, bad input) at once.
    /// </summary>
    public static async Task<RouteSwitchResult> SwitchWhenHealthyAsync(EdgeAdminClient edge, RouteChange change, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        if (change.HealthPath is null)
            throw new ArgumentException("A switch that waits for health needs the health path the edge should check.", nameof(change));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await edge.SwitchAsync(change, cancellationToken);
            }
            catch (EdgeAdminException e) when (e.UpstreamUnhealthy && clock.Elapsed < timeout)
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}

/// <summary>What <see cref="EdgeCutover.SwitchAndDrainAsync"/> did.</summary>
/// <param name="Drain">Null when no other upstream was replaced (first route, or the same upstream with a new version).</param>
public sealed record CutoverResult(RouteSwitchResult Switch, DrainResult? Drain, TimeSpan SwitchedAfter, TimeSpan Took)
{
    /// <summary>The upstream whose container may be stopped now; null when none was replaced.</summary>
    public string? Replaced => Drain?.Upstream;
}
