namespace Drydock.Deploy;

/// <summary>What the rollout pipeline needs from any platform's reading of an environment: what serves, what is retained, the history.</summary>
public interface IReleaseState
{
    EnvironmentId Id { get; }

    IReadOnlyList<HistoryRecord> History { get; }

    /// <summary>The serving release (a container, a service); null when nothing serves.</summary>
    string? ServingName { get; }

    /// <summary>The serving release as its labels record it; null when nothing serves or its record is incomplete.</summary>
    RecordedRelease? ServingRecord { get; }

    /// <summary>Retained releases (stopped, scaled to 0) with a complete record: the fast rollback targets.</summary>
    IReadOnlyList<RecordedRelease> RetainedRecords { get; }
}

/// <summary>What must resolve before anything changes: the image as the platform runs it, the secret values, the edge image.</summary>
public sealed record PreparedRelease(string ImageId, IReadOnlyDictionary<string, string> Secrets)
{
    public string? EdgeImage { get; init; }
}

/// <summary>One release the pipeline puts in service: its spec, prepared inputs and stamp, over the state read under the lock.</summary>
public sealed record PlatformRollout<TState>(ReleaseSpec Spec, PreparedRelease Prepared, ReleaseStamp Stamp, TState State)
    where TState : IReleaseState;

/// <summary>What a platform's rollout left serving, and a note for the history record (e.g. a repaired data volume).</summary>
public sealed record PlacedRelease(RolloutResult Rollout, string? Note = null);

/// <summary>
/// Where releases run and how they are found: one Docker engine, or a Swarm cluster through its manager. The pipeline
/// (<see cref="ReleaseManager"/>, <see cref="ShipStep"/>) does what every platform shares in one order (lock, read,
/// recover, place, route, verify, retire, record, prune); a platform does each step its own way.
/// </summary>
public interface IReleasePlatform<TState> where TState : IReleaseState
{
    /// <summary>Whether the environment's port and bind belong to the platform's routing: a rollback then takes today's.</summary>
    bool OwnsPort(EnvironmentConfig config);

    /// <summary>Before the lock: the image, secrets and edge image a release needs; throws with nothing changed. A deploy's opening line is the platform's.</summary>
    Task<PreparedRelease> PrepareAsync(ReleaseSpec spec, ReleaseAction action, CancellationToken cancellationToken);

    /// <summary>Under the lock: the environment read, with what an interrupted run left put right first.</summary>
    Task<TState> ReadAsync(EnvironmentId id, EnvironmentConfig config, CancellationToken cancellationToken);

    /// <summary>What a deploy of <paramref name="spec"/> does: null when it already serves as a deploy would leave it; <see cref="ReleaseAction.Redeploy"/> to heal drift.</summary>
    Task<ReleaseAction?> DeployActionAsync(TState state, ReleaseSpec spec, CancellationToken cancellationToken);

    /// <summary>The release id a rollout keeps (a retained release brought back as it is); null: a new one.</summary>
    string? KeptReleaseId(TState state, ReleaseSpec spec, ReleaseAction action);

    /// <summary>How a rollback to <paramref name="spec"/> comes about, the end of "Rolling … back from A to B".</summary>
    string DescribeRollback(TState state, ReleaseSpec spec, RollbackSource source);

    /// <summary>Place the release, route traffic to it, verify it, retire the old one; or throw with the old one still serving.</summary>
    Task<PlacedRelease> RollOutAsync(PlatformRollout<TState> rollout, CancellationToken cancellationToken);

    /// <summary>Retention after a rollout: releases beyond keepReleases go, never <paramref name="serving"/>.</summary>
    Task PruneAsync(TState state, string serving, int keepReleases, CancellationToken cancellationToken);
}

/// <summary>A rollout that failed after its release existed; <see cref="Container"/> names it for the history.</summary>
public class ReleaseFailedException(string container, string message) : DeployException(message)
{
    public string Container { get; } = container;
}
