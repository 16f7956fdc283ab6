using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>A release service and the release its labels record (null when they are not a complete record).</summary>
public sealed record ClusterRelease(SwarmService Service, RecordedRelease? Recorded)
{
    public string Name => Service.Name;

    public string Version => Recorded?.Spec.Version ?? Service.Name;

    /// <summary>Scaled up: it serves (or is meant to). Scaled to 0: retained for rollback.</summary>
    public bool Active => Service.Replicas is > 0;

    public DateTimeOffset DeployedAt => Recorded?.Stamp.DeployedAt ?? default;
}

/// <summary>
/// A swarm environment as one read of its manager found it: the nodes, the release services and the edge service
/// labelled with the environment, their tasks, and the history. Immutable: the planners decide from it alone.
/// </summary>
public sealed record ClusterSnapshot(
    EnvironmentId Id, IReadOnlyList<SwarmNode> Nodes, IReadOnlyList<ClusterRelease> Releases, SwarmService? Edge,
    IReadOnlyList<SwarmTask> Tasks, IReadOnlyList<HistoryRecord> History) : IReleaseState
{
    /// <summary>The scaled-up release; the newest if (against all intent) several are.</summary>
    public ClusterRelease? Active => Releases.Where(r => r.Active).OrderByDescending(r => r.DeployedAt).FirstOrDefault();

    /// <summary>Scaled-to-0 releases with a complete record, newest first: the rollback targets.</summary>
    public IReadOnlyList<ClusterRelease> Retained =>
        Releases.Where(r => !r.Active && r.Recorded is not null).OrderByDescending(r => r.DeployedAt).ToArray();

    string? IReleaseState.ServingName => Active?.Name;

    RecordedRelease? IReleaseState.ServingRecord => Active?.Recorded;

    IReadOnlyList<RecordedRelease> IReleaseState.RetainedRecords => Retained.Select(r => r.Recorded).OfType<RecordedRelease>().ToArray();

    /// <summary>Where each service's tasks run and which nodes are down.</summary>
    public ClusterStatus Status => ClusterStatus.From(Nodes, Releases.Where(r => r.Active).Select(r => r.Service).Concat(Edge is null ? [] : [Edge]), Tasks);

    public int RunningTasks(string service) => Tasks.Count(t => t.Service == service && t.IsRunning);
}
