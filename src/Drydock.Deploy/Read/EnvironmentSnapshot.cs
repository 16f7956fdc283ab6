using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// An environment as one read under its lock found it: every container labelled with it (releases with their recorded
/// release already parsed, candidates, the edge, the lock, the state holder), the history, and the edge's own view (its
/// route table). Immutable: the planners decide from it alone, and a step that changes the environment reads a new one.
/// </summary>
public sealed record EnvironmentSnapshot : IReleaseState
{
    public EnvironmentSnapshot(EnvironmentId id, IReadOnlyList<ContainerState> containers, IReadOnlyList<HistoryRecord> history)
    {
        Id = id;
        Containers = containers;
        History = history;
        Releases = containers
            .Where(c => ReleaseLabels.HasRole(c.Labels, ContainerRole.Release))
            .Select(c => new ReleaseContainer(c, ReleaseLabels.Read(c.Labels)))
            .ToList();
    }

    public EnvironmentId Id { get; }

    /// <summary>Every container labelled with the environment, as one listing found it. Get-only: other containers mean a new read.</summary>
    public IReadOnlyList<ContainerState> Containers { get; }

    public IReadOnlyList<HistoryRecord> History { get; }

    /// <summary>The running edge and its route table; null without an edge, or when the strategy has none.</summary>
    public EdgeView? Edge { get; init; }

    /// <summary>The server's host-wide edge and its host routes, for a host-routed environment (<see cref="HostEdgeStrategy"/>); null otherwise.</summary>
    public HostEdgeView? HostEdge { get; init; }

    /// <summary>Release containers, each with the release its labels record (null when they are not a complete record).</summary>
    public IReadOnlyList<ReleaseContainer> Releases { get; }

    public IReadOnlyList<ContainerState> ReleaseStates => Releases.Select(r => r.Container).ToList();

    public IReadOnlyList<ContainerState> Candidates => Containers.Where(c => ReleaseLabels.HasRole(c.Labels, ContainerRole.Candidate)).ToList();

    /// <summary>The edge container (running or not) from the same listing; null when the environment has none.</summary>
    public ContainerState? EdgeContainer => Containers.FirstOrDefault(c => c.Name == Id.EdgeContainer);

    public ContainerState? LockContainer => Containers.FirstOrDefault(c => c.Name == Id.LockContainer);

    /// <summary>The running release; the newest if (against all intent) several run.</summary>
    public ReleaseContainer? Serving => Releases.Where(r => r.Container.Running).OrderByDescending(r => r.DeployedAt).FirstOrDefault();

    /// <summary>Stopped releases with a complete record: the fast rollback targets.</summary>
    public IReadOnlyList<RecordedRelease> Retained => Releases.Where(r => !r.Container.Running).Select(r => r.Recorded).OfType<RecordedRelease>().ToList();

    string? IReleaseState.ServingName => Serving?.Name;

    RecordedRelease? IReleaseState.ServingRecord => Serving?.Recorded;

    IReadOnlyList<RecordedRelease> IReleaseState.RetainedRecords => Retained;

    public HistoryRecord? LastSucceeded => History.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded);

    /// <summary>Every container the history records as having served successfully.</summary>
    public IReadOnlySet<string> RecordedContainers =>
        History.Where(r => r.Outcome == ReleaseOutcome.Succeeded && r.Container is not null).Select(r => r.Container!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The container of the last successful deploy or rollback.</summary>
    public string? LastSucceededContainer => History.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded && r.Container is not null)?.Container;
}

/// <summary>A release container and the release its labels record (null when they are not a complete record).</summary>
public sealed record ReleaseContainer(ContainerState Container, RecordedRelease? Recorded)
{
    public string Name => Container.Name;

    public DateTimeOffset DeployedAt => Recorded?.Stamp.DeployedAt is { } at && at != default ? at : Container.Created;
}

/// <summary>A running edge as read under the lock: where it answers, and its route table at that moment.</summary>
public sealed record EdgeView(ContainerState Container, RunningEdge Running, RouteTableView Routes)
{
    /// <summary>The container the active route names; null before the first route.</summary>
    public string? RoutedContainer => EdgeRoutes.Container(Routes.Active?.Upstream);
}
