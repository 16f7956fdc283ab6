using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The verification window on a cluster (<see cref="VerificationPolicy"/>), judged like one engine's by
/// <see cref="VerificationVerdict"/> inside a <see cref="WindowWatch"/>. A cluster's edges have no admin port, so the
/// traffic is read from their access lines on every node (<c>docker service logs</c> through the manager,
/// <see cref="EdgeAccessLog"/>): the previous release's before the new one starts, the new one's once it serves alone.
/// </summary>
public sealed class ClusterVerification(DockerCli manager, DeployContext context, VerificationPolicy policy)
{
    /// <summary>How far back the previous release's baseline reaches (as far as one edge's own metrics window).</summary>
    public static readonly TimeSpan BaselineSpan = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A deploy (not a rollback) with a window, replacing a release that can come back.</summary>
    public static bool Applies(ReleaseSpec spec, ReleaseAction action, ClusterSnapshot snapshot) =>
        action == ReleaseAction.Deploy && spec.Config.Verification.WindowOrOff > TimeSpan.Zero && snapshot is { Active: not null, Edge: not null };

    /// <summary>The previous release's traffic over <see cref="BaselineSpan"/>; null (judged without one) when the log cannot be read.</summary>
    public async Task<TrafficSample?> BaselineAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var baseline = await ReadAsync(snapshot.Id, BaselineSpan, cancellationToken);
            context.Log.Write(LogLevel.Information, $"Baseline of {snapshot.Active!.Name} over the edges' last {BaselineSpan.TotalSeconds:0}s: {baseline.Describe()}");
            return baseline;
        }
        catch (Drydock.Engine.Tooling.ToolFailedException e)
        {
            context.Log.Write(LogLevel.Warning, $"Could not read the edges' request log ({e.Message}); the window is judged without a baseline");
            return null;
        }
    }

    /// <summary>
    /// Watches the window from now on (the new release serves alone); returns the verdict it ended with: passed,
    /// promoted, or one to revert (a failure, <c>./build.sh Rollback</c>). <paramref name="serving"/> names the new release.
    /// </summary>
    public async Task<WindowStep> WatchAsync(ClusterSnapshot snapshot, ReleaseSpec spec, string serving, TrafficSample? baseline, CancellationToken cancellationToken)
    {
        var lockId = await context.Containers.InspectAsync(snapshot.Id.LockContainer, cancellationToken) is { } held
            ? LockInfo.FromLabels(held.Labels, held.Created).LockId
            : null;
        context.Log.Write(LogLevel.Information,
            $"Verifying {spec.Version} ({serving}) on real traffic at every node's edge for {policy.WindowOrOff.TotalSeconds:0}s; {snapshot.Active!.Name} is scaled back up if it fails (./build.sh Promote or Rollback ends it early)");
        var start = context.Time.GetTimestamp();
        return await new WindowWatch(context, snapshot.Id, lockId, policy.WindowOrOff) { PollInterval = PollInterval }.RunAsync(
            async ct => await ReadAsync(snapshot.Id, context.Time.GetElapsedTime(start), ct),
            (sample, over) => VerificationVerdict.Judge(baseline, sample ?? TrafficSample.None, policy, over),
            cancellationToken);
    }

    private async Task<TrafficSample> ReadAsync(EnvironmentId id, TimeSpan since, CancellationToken cancellationToken)
    {
        var result = await manager.ExecuteAsync(new DockerServiceLogsSettings(id.EdgeService(), since), echoOutput: false, cancellationToken: cancellationToken);
        return EdgeAccessLog.Sample(result.StandardOutput);
    }
}
