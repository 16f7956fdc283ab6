using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// A canary window (<see cref="EnvironmentConfig.Canary"/>): instead of the switch, the edge gives the new release its
/// share of the requests beside the serving one (<see cref="SetAsync"/>); both are judged on the same window's traffic
/// (<see cref="CanaryJudgement"/>). A pass (or <c>./build.sh Promote</c>) switches the edge to it, after which the old
/// release is drained and stopped as after any switch. A failure (or <c>./build.sh Rollback</c>, or Ctrl-C) removes the
/// share at once, stops the new release (kept for inspection) and throws <see cref="VerificationFailedException"/>.
/// </summary>
public sealed class CanaryStep(DeployContext context, VerificationPolicy policy)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sets the canary once the edge's own health check passes; returns the reading the window counts from.</summary>
    public static async Task<CanaryReading> SetAsync(DeployContext context, EdgeAdminClient admin, EdgeSwitchRequest request, CanaryShare share, CancellationToken cancellationToken)
    {
        var change = request.Change;
        // The canary's totals before it gets any request (a smoke test's are not its window's); the serving release's
        // right after the set, so the baseline is the same stretch of time as the canary's window, not the seconds a
        // docker exec or two take on a busy engine.
        var before = WindowWatch.Find(await admin.GetMetricsAsync(cancellationToken), change.Upstream);
        try
        {
            await admin.SetCanaryAsync(new CanaryChange(change.Upstream, change.Version, share) { HealthPath = change.HealthPath, ExpectedGeneration = change.ExpectedGeneration },
                request.Timeout, request.RetryInterval, cancellationToken);
        }
        catch (EdgeAdminException e)
        {
            throw new DeployException($"{change.Version} did not become the canary: {request.Why(e)}. It was removed; {request.Still.NeverRouted}.", e);
        }
        var after = await admin.GetMetricsAsync(cancellationToken);
        return CanaryReading.Of(after.Upstreams.FirstOrDefault(u => u.Active), before);
    }

    /// <param name="generation">The route table's generation the canary was set at: the promotion is guarded by it.</param>
    public async Task<VerificationVerdict> RunAsync(
        Rollout rollout, RunningEdge edge, ActiveRouteView previous, CanaryReading start, long generation, CancellationToken cancellationToken)
    {
        var (spec, name) = (rollout.Spec, rollout.Container);
        // A window signal must name this deploy's lock.
        var lockId = WindowSignals.LockIdOf(rollout.Snapshot);
        using var admin = edge.CreateClient();
        var upstream = EdgeRoutes.Upstream(name, spec.Config);
        var share = spec.Config.Canary!.Value;
        context.Log.Write(LogLevel.Information,
            $"Canary: {spec.Version} gets {share} of requests beside {EdgeRoutes.Container(previous.Upstream)} for {policy.WindowOrOff.TotalSeconds:0}s, judged against it on the same traffic (./build.sh Promote or Rollback ends it early)");
        WindowStep step;
        try
        {
            step = await new WindowWatch(context, spec.Id, lockId, policy.WindowOrOff) { PollInterval = PollInterval }.RunAsync(admin, (metrics, over) =>
                CanaryJudgement.Judge(start, CanaryReading.Of(WindowWatch.Find(metrics, previous.Upstream), WindowWatch.Find(metrics, upstream)), policy, over),
                cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await RemoveAsync(admin, spec, name, upstream);
            throw;
        }

        if (step is WindowStep.Revert(var failed))
        {
            var removed = await RemoveAsync(admin, spec, name, upstream);
            throw new VerificationFailedException(failed, name,
                $"{spec.Version} {failed.Describe()}. {removed}{name} was stopped and kept for inspection (docker logs {name}).");
        }
        var passed = ((WindowStep.Promote)step).Verdict;
        try
        {
            await admin.SwitchAsync(new RouteChange(upstream, spec.Version) { ExpectedGeneration = generation }, cancellationToken);
        }
        catch (EdgeAdminException e)
        {
            var removed = await RemoveAsync(admin, spec, name, upstream);
            throw new DeployException($"{spec.Version} passed its canary window but could not be promoted ({e.Message}). {removed}{name} was stopped and kept for inspection.", e);
        }
        context.Log.Write(LogLevel.Information, $"{spec.Version} {passed.Describe()}; promoted: {edge.Container} routes every request to {name}");
        return passed;
    }

    /// <summary>Ends the split (every request to the serving release again), waits for the canary's in-flight requests, stops it.</summary>
    private async Task<string> RemoveAsync(EdgeAdminClient admin, ReleaseSpec spec, string name, string upstream)
    {
        string said;
        try
        {
            await admin.ClearCanaryAsync(CancellationToken.None);
            await admin.WaitForDrainAsync(upstream, TimeSpan.FromSeconds(10), cancellationToken: CancellationToken.None);
            said = "The canary's share was removed: every request goes to the serving release again. ";
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
        {
            context.Log.Write(LogLevel.Error, $"Could not remove the canary {upstream} at the edge: {e.Message}");
            said = $"Removing the canary at the edge failed: {e.Message}. ";
        }
        try
        {
            await context.Containers.StopAsync(name, spec.Config.DrainTimeout, CancellationToken.None);
        }
        catch (Drydock.Engine.Tooling.ToolFailedException e)
        {
            context.Log.Write(LogLevel.Warning, $"Could not stop {name} ({e.Message}).");
        }
        return said;
    }
}
