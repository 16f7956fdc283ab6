using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// A Swarm cluster through its manager (the engine the docker CLI reaches: <c>"host"</c>). A release is a service beside
/// the serving one, found by its labels (<see cref="ClusterReader"/>); it takes traffic only through its healthy tasks
/// (see <see cref="ClusterEdge"/>), so placing it is routing to it. Once all its tasks are healthy the old release is
/// scaled to 0 (retained for rollback); a retained one a rollback wants is scaled back up rather than created again.
/// Lock and history live on the manager and are the pipeline's, so a fresh runner sees everything.
/// </summary>
public sealed class SwarmPlatform(DeployContext context, IReleaseHistory history, ReleaseManagerOptions options) : IReleasePlatform<ClusterSnapshot>
{
    private readonly DockerCli manager = context.Containers.Docker;
    private readonly IBuildLog log = context.Log;
    private readonly ClusterReader _reader = new(context.Containers.Docker, history);
    private readonly ClusterRollout _rollout = new(context, options);

    /// <summary>The edge services hold the environment's port on every node: a rollback takes today's.</summary>
    public bool OwnsPort(EnvironmentConfig config) => true;

    /// <summary>A deploy's edge image is made before the lock; a rollback's only if it creates a service (see <see cref="ClusterRollout"/>).</summary>
    public async Task<PreparedRelease> PrepareAsync(ReleaseSpec spec, ReleaseAction action, CancellationToken cancellationToken)
    {
        var pullRepository = PullRepository(spec);
        var prepared = new PreparedRelease(spec.Digest, new Dictionary<string, string>());
        if (action != ReleaseAction.Deploy)
            return prepared;
        log.Write(LogLevel.Information, $"Deploying {spec.App} {spec.Version} ({pullRepository}@{spec.Digest}) to the swarm environment {spec.Environment}");
        return prepared with { EdgeImage = await ClusterEdgeImage.EnsureAsync(manager, log, options.Edge, pullRepository, cancellationToken) };
    }

    public Task<ClusterSnapshot> ReadAsync(EnvironmentId id, EnvironmentConfig config, CancellationToken cancellationToken) =>
        _reader.ReadAsync(id, cancellationToken);

    public Task<ReleaseAction?> DeployActionAsync(ClusterSnapshot state, ReleaseSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(ClusterChoices.AlreadyServes(state, spec) ? null : (ReleaseAction?)ReleaseAction.Deploy);

    public string? KeptReleaseId(ClusterSnapshot state, ReleaseSpec spec, ReleaseAction action) =>
        Kept(state, spec, action)?.Recorded?.Stamp.ReleaseId;

    public string DescribeRollback(ClusterSnapshot state, ReleaseSpec spec, RollbackSource source) =>
        Kept(state, spec, ReleaseAction.Rollback) is { } kept
            ? $" ({kept.Name}, scaled from 0 to {ClusterChoices.Replicas(spec.Config)})"
            : $": no retained service holds it, so it is created again ({PullRepository(spec)}@{spec.Digest}, from the {RollbackStep.Describe(source)})";

    public async Task<PlacedRelease> RollOutAsync(PlatformRollout<ClusterSnapshot> rollout, CancellationToken cancellationToken)
    {
        if (Kept(rollout.State, rollout.Spec, rollout.Stamp.Action) is { } kept)
            return new PlacedRelease(await _rollout.ScaleBackAsync(rollout, kept, cancellationToken));
        var edgeImage = rollout.Prepared.EdgeImage ?? await ClusterEdgeImage.EnsureAsync(manager, log, options.Edge, PullRepository(rollout.Spec), cancellationToken);
        return new PlacedRelease(await _rollout.CreateAsync(rollout, PullRepository(rollout.Spec), edgeImage, cancellationToken));
    }

    /// <summary>Retained services beyond keepReleases (<see cref="ClusterChoices.Prune"/>) are removed; a failure waits for the next deploy.</summary>
    public async Task PruneAsync(ClusterSnapshot state, string serving, int keepReleases, CancellationToken cancellationToken)
    {
        var remove = ClusterChoices.Prune(state, serving, keepReleases);
        if (remove.Count == 0)
            return;
        log.Write(LogLevel.Information, $"Removing releases beyond keepReleases {keepReleases}: {string.Join(", ", remove)}");
        var result = await manager.ExecuteAsync(new DockerServiceRmSettings(remove), throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded)
            log.Write(LogLevel.Warning, $"Pruning old releases failed (the next deploy tries again): {result.Error}");
    }

    /// <summary>The cluster as Status shows it: nodes (down ones named), replicas per node, the active release, drift.</summary>
    public async Task<EnvironmentStatus> StatusAsync(EnvironmentId id, CancellationToken cancellationToken)
    {
        var snapshot = await _reader.ReadAsync(id, cancellationToken);
        return new EnvironmentStatus(id.App, id.Name)
        {
            ServingRelease = snapshot.Active?.Recorded,
            LastSucceeded = snapshot.History.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded),
            Retained = ((IReleaseState)snapshot).RetainedRecords,
            Swarm = new SwarmStatus(snapshot.Status, snapshot.Active, ClusterChoices.Drift(snapshot)),
        };
    }

    /// <summary>The retained service a rollback scales back up (it holds exactly this image); null for a deploy, or when none does.</summary>
    private static ClusterRelease? Kept(ClusterSnapshot state, ReleaseSpec spec, ReleaseAction action) =>
        action == ReleaseAction.Rollback ? ClusterChoices.Holding(state, spec) : null;

    /// <summary>The repository as the nodes pull it; the embedded loopback registry is refused (before anything changed) with the fix.</summary>
    private static string PullRepository(ReleaseSpec spec)
    {
        var (pullRepository, refusal) = RegistryReach.PullRepository(spec.Repository, spec.Config.RegistryPull);
        return pullRepository ?? throw new DeployException(refusal!);
    }
}
