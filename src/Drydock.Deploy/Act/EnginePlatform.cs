using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// One Docker engine: a release is a container, found by its labels; the strategy (an edge, or replace) says how
/// traffic moves to it. Recovery, the strategy's repair and history reconciliation run on every read under the lock.
/// </summary>
public sealed class EnginePlatform(DeployContext context, IReleaseHistory history, ReleaseManagerOptions options, IDeployStrategy strategy)
    : IReleasePlatform<EnvironmentSnapshot>
{
    private readonly EnvironmentReader _reader = new(context.Containers, history);

    private IBuildLog Log => context.Log;

    public bool OwnsPort(EnvironmentConfig config) => strategy.OwnsPort;

    public async Task<PreparedRelease> PrepareAsync(ReleaseSpec spec, ReleaseAction action, CancellationToken cancellationToken)
    {
        // Before anything changes: a missing secret must not cost the running release anything.
        var secrets = SecretEnvironment.Resolve(spec.Config.SecretEnv, options.ReadEnvironment, options.Masker ?? context.Containers.Docker.Masker);
        if (action == ReleaseAction.Deploy)
            Log.Write(LogLevel.Information, $"Deploying {spec.App} {spec.Version} ({spec.ImageReference}) to {spec.Environment} with the {strategy.Name} strategy");
        return new PreparedRelease(await ReleaseImage.EnsureAsync(context.Containers.Docker, Log, spec, cancellationToken), secrets);
    }

    /// <summary>
    /// Under the lock: read the environment, carry out the <see cref="RecoveryPlan"/> of an interrupted run, add the
    /// strategy's own view and let it repair its machinery. A step that changed something is followed by a new read.
    /// </summary>
    public async Task<EnvironmentSnapshot> ReadAsync(EnvironmentId id, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        var snapshot = await _reader.ReadAsync(id, cancellationToken);
        if (RecoveryPlan.Decide(snapshot) is { NothingToDo: false } recovery)
        {
            await RecoveryStep.RunAsync(context, id, recovery, cancellationToken);
            snapshot = await _reader.RelistAsync(snapshot, cancellationToken);
        }
        snapshot = await strategy.ReadAsync(context, snapshot, config, cancellationToken);
        if (await strategy.RepairAsync(context, snapshot, config, cancellationToken))
            snapshot = await strategy.ReadAsync(context, await _reader.RelistAsync(snapshot, cancellationToken), config, cancellationToken);
        if (HistoryReconciliation.Decide(snapshot) is { } interrupted)
        {
            await HistoryReconcileStep.RunAsync(context, history, (id, interrupted), config.KeepReleases, cancellationToken);
            snapshot = await strategy.ReadAsync(context, await _reader.ReadAsync(id, cancellationToken), config, cancellationToken);
        }
        return snapshot;
    }

    public async Task<ReleaseAction?> DeployActionAsync(EnvironmentSnapshot state, ReleaseSpec spec, CancellationToken cancellationToken)
    {
        if (state.Serving is not { } serving || NoChangeCheck.Difference(serving.Recorded, spec) is not null || !strategy.Serves(state, serving.Container, spec))
            return ReleaseAction.Deploy;
        if (DriftHealing.Decide(await EngineDrift.ReadAsync(context.Containers.Docker, state, cancellationToken)) is not { } heal)
            return null;
        Log.Write(LogLevel.Warning, heal);
        return ReleaseAction.Redeploy;
    }

    public string? KeptReleaseId(EnvironmentSnapshot state, ReleaseSpec spec, ReleaseAction action) => null;

    public string DescribeRollback(EnvironmentSnapshot state, ReleaseSpec spec, RollbackSource source) =>
        $" ({spec.ImageReference}, from the {RollbackStep.Describe(source)})";

    /// <summary>The data volume (made writable for the release's user when needed), then the strategy's rollout.</summary>
    public async Task<PlacedRelease> RollOutAsync(PlatformRollout<EnvironmentSnapshot> rollout, CancellationToken cancellationToken)
    {
        var (spec, prepared, stamp, snapshot) = rollout;
        var dataVolume = spec.Id.DataVolume;
        // Docker keeps a volume while any container (even a stopped one) mounts it: a release that mounts it proves it exists.
        var mounting = snapshot.ReleaseStates.Where(r => r.Mounts.Any(m => m.Name == dataVolume)).ToList();
        var created = mounting.Count == 0 && await context.Containers.EnsureVolumeAsync(dataVolume, spec.Id, "data", cancellationToken);
        var ownership = await DataOwnershipAsync(spec, prepared.ImageId, created, mounting, cancellationToken);
        var result = await strategy.RollOutAsync(new Rollout(context, spec, stamp, snapshot, prepared.Secrets), cancellationToken);
        return new PlacedRelease(result, ownership);
    }

    public Task PruneAsync(EnvironmentSnapshot state, string serving, int keepReleases, CancellationToken cancellationToken) =>
        new ReleasePruner(context.Containers, Log).PruneAsync(state.Id, serving, keepReleases, cancellationToken);

    /// <summary>An existing data volume the new release's user may not be able to write is made writable first (<see cref="DataVolumeRepair"/>).</summary>
    private async Task<string?> DataOwnershipAsync(ReleaseSpec spec, string imageId, bool created, IReadOnlyList<ContainerState> mounting, CancellationToken cancellationToken)
    {
        var user = spec.Config.User ?? (await context.Containers.Docker.InspectImageAsync(imageId, cancellationToken))?.User ?? string.Empty;
        return DataVolumeOwnership.NeedsCheck(user, created, [.. mounting.Select(r => r.User)])
            ? await new DataVolumeRepair(context, options.Edge).EnsureWritableAsync(spec.Id.DataVolume, user, cancellationToken)
            : null;
    }
}
