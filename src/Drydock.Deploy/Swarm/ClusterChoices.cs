using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>The pure decisions around a swarm release: no change, the retained service a rollback scales back up, retention, drift.</summary>
public static class ClusterChoices
{
    /// <summary>Whether the active release already is this digest with this configuration and all its tasks run: then a deploy does nothing.</summary>
    public static bool AlreadyServes(ClusterSnapshot snapshot, ReleaseSpec spec) =>
        snapshot.Active is { Recorded: { } recorded } active
        && NoChangeCheck.Difference(recorded, spec) is null
        && snapshot.Edge is not null
        && snapshot.RunningTasks(active.Name) >= (active.Service.Replicas ?? 0);

    /// <summary>The newest usable retained service running exactly <paramref name="spec"/>'s image: scaled back up rather than created again.</summary>
    public static ClusterRelease? Holding(ClusterSnapshot snapshot, ReleaseSpec spec)
    {
        var usable = RollbackTargetSelector.Usable(((IReleaseState)snapshot).RetainedRecords, snapshot.History);
        return snapshot.Retained.Where(r => r.Recorded is { } kept && usable.Contains(kept) && kept.Spec.Version == spec.Version && kept.Spec.Digest == spec.Digest)
            .OrderByDescending(r => r.DeployedAt).FirstOrDefault();
    }

    /// <summary>Retained releases beyond <paramref name="keep"/> (newest kept), never <paramref name="serving"/>: to remove.</summary>
    public static IReadOnlyList<string> Prune(ClusterSnapshot snapshot, string serving, int keep) =>
        snapshot.Releases.Where(r => !r.Active && r.Name != serving).OrderByDescending(r => r.DeployedAt).Skip(keep).Select(r => r.Name).ToArray();

    /// <summary>The spec Drydock created the active release with, from its own labels (what the nodes pull, its replicas, its environment).</summary>
    public static RecordedServiceSpec? Recorded(ClusterRelease release) =>
        release.Recorded is not { } recorded ? null
            : new RecordedServiceSpec(release.Name, release.Service.Labels.GetValueOrDefault(ClusterNames.PullImageLabel) ?? recorded.Spec.ImageReference)
            {
                Replicas = Replicas(recorded.Spec.Config),
                Environment = recorded.Spec.Config.Env,
            };

    /// <summary>The active release's spec against what Drydock recorded: a <c>docker service update</c> by hand shows here.</summary>
    public static IReadOnlyList<SpecDifference> Drift(ClusterSnapshot snapshot) =>
        snapshot.Active is { } active && Recorded(active) is { } recorded
            // Labels are Drydock's own record: compared through what they record, not with themselves.
            ? ServiceSpecDrift.Detect(recorded, active.Service with { Labels = new Dictionary<string, string>() })
            : [];

    /// <summary>The replicas a release runs with: a stateful one always 1 (<see cref="StatefulPlacement"/> refused more).</summary>
    public static int Replicas(EnvironmentConfig config) => ClusterConfig.IsStateful(config) ? 1 : ClusterConfig.Replicas(config);
}
