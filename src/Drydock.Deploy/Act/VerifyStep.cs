using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>What the edge said just before the switch: the previous release's baseline and the new upstream's totals so far.</summary>
public sealed record VerificationStart(TrafficSample? Baseline, TrafficCountsView NewTotals);

/// <summary>
/// The verification window after an edge switch (<see cref="VerificationPolicy"/>): the previous release keeps running
/// while the new one serves real traffic; the edge's metrics are read about twice a second and judged by
/// <see cref="VerificationVerdict"/>. A failure switches the edge back at once, stops the new release (kept for
/// inspection) and throws <see cref="VerificationFailedException"/> with the numbers.
/// </summary>
public sealed class VerifyStep(DeployContext context, VerificationPolicy policy)
{
    private static readonly TrafficCountsView NoTraffic = new(0, 0, 0, 0, 0, 0, 0, 0);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A deploy (not a rollback) with a window, replacing a release the edge can go back to.</summary>
    public static bool Applies(ReleaseSpec spec, ReleaseAction action, ActiveRouteView? previous) =>
        action == ReleaseAction.Deploy && spec.Config.Verification.WindowOrOff > TimeSpan.Zero && previous is not null;

    /// <summary>Read before the switch; null (verification off, said in the log) when the edge cannot answer its metrics.</summary>
    public static async Task<VerificationStart?> StartAsync(DeployContext context, EdgeAdminClient admin, string previousUpstream, string newUpstream, CancellationToken cancellationToken)
    {
        try
        {
            var metrics = await admin.GetMetricsAsync(cancellationToken);
            var previous = WindowWatch.Find(metrics, previousUpstream);
            var baseline = previous is null ? null : TrafficSample.Of(previous.Window, previous.Latency);
            context.Log.Write(LogLevel.Information, $"Baseline of {EdgeRoutes.Container(previousUpstream)} over the edge's last {metrics.WindowSeconds}s: {baseline?.Describe() ?? "no requests"}");
            return new VerificationStart(baseline, WindowWatch.Find(metrics, newUpstream)?.Total ?? NoTraffic);
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or TaskCanceledException or System.Text.Json.JsonException)
        {
            context.Log.Write(LogLevel.Warning, $"The edge did not answer its metrics ({e.Message}); this deploy is not verified after the switch");
            return null;
        }
    }

    /// <summary>
    /// Watches the window (<see cref="WindowWatch"/>); on failure, or <c>./build.sh Rollback</c>, reverts and throws.
    /// <c>./build.sh Promote</c> ends it early. Cancelled (Ctrl-C): reverts too, since the release was never judged.
    /// </summary>
    /// <param name="lockId">This deploy's lock, which a window signal must name (<see cref="WindowSignals.LockIdOf"/>).</param>
    public async Task<VerificationVerdict> RunAsync(RunningEdge edge, ReleaseSpec spec, string name, ActiveRouteView previous, VerificationStart start, string? lockId, CancellationToken cancellationToken)
    {
        using var admin = edge.CreateClient();
        var upstream = EdgeRoutes.Upstream(name, spec.Config);
        context.Log.Write(LogLevel.Information, $"Verifying {spec.Version} on real traffic for {policy.WindowOrOff.TotalSeconds:0}s; {EdgeRoutes.Container(previous.Upstream)} keeps running until then (./build.sh Promote or Rollback ends it early)");
        var sample = TrafficSample.None;
        WindowStep step;
        try
        {
            step = await new WindowWatch(context, spec.Id, lockId, policy.WindowOrOff) { PollInterval = PollInterval }.RunAsync(admin, (metrics, over) =>
            {
                if (WindowWatch.Find(metrics, upstream) is { } entry)
                    sample = TrafficSample.Between(start.NewTotals, entry.Total, entry.Latency);
                return VerificationVerdict.Judge(start.Baseline, sample, policy, over);
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await RevertAsync(admin, spec, name, previous);
            throw;
        }
        if (step is WindowStep.Promote(var passed))
        {
            context.Log.Write(LogLevel.Information, $"{spec.Version} {passed.Describe()}");
            return passed;
        }
        var verdict = ((WindowStep.Revert)step).Verdict;
        var back = await RevertAsync(admin, spec, name, previous);
        throw new VerificationFailedException(verdict, name,
            $"{spec.Version} {verdict.Describe()}. {back}{name} was stopped and kept for inspection (docker logs {name}).");
    }

    private async Task<string> RevertAsync(EdgeAdminClient admin, ReleaseSpec spec, string name, ActiveRouteView previous)
    {
        var back = await EdgeSwitch.BackAsync(context, admin, previous, name);
        try
        {
            await context.Containers.StopAsync(name, spec.Config.DrainTimeout, CancellationToken.None);
        }
        catch (Drydock.Engine.Tooling.ToolFailedException e)
        {
            context.Log.Write(LogLevel.Warning, $"Could not stop {name} ({e.Message}); it no longer receives traffic.");
        }
        return back;
    }
}

/// <summary>A release that failed its verification window and was reverted: the message names the numbers, <see cref="ReleaseFailedException.Container"/> the stopped release (kept for inspection).</summary>
public sealed class VerificationFailedException(VerificationVerdict verdict, string container, string message) : ReleaseFailedException(container, message)
{
    public VerificationVerdict Verdict { get; } = verdict;
}
