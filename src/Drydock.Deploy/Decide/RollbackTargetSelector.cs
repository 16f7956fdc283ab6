namespace Drydock.Deploy;

/// <summary>
/// Chooses the release a rollback recreates, from what the engine knows (the serving container, retained containers'
/// labels, the history in the state volume) and what the registry still has (tags): all of it reachable from a fresh
/// runner that never deployed. Without a version: the most recent successful release whose version differs from the
/// serving one. With a version: that version, from a retained container, else the history, else the registry.
/// </summary>
public static class RollbackTargetSelector
{
    public static RollbackChoice Choose(
        string environment,
        string? toVersion,
        RecordedRelease? serving,
        IReadOnlyList<RecordedRelease> retained,
        IReadOnlyList<HistoryRecord> history,
        IReadOnlyList<string> registryTags,
        bool registryAvailable)
    {
        var succeeded = history.Where(r => r.Outcome == ReleaseOutcome.Succeeded).ToList();
        retained = Usable(retained, history);
        var current = serving?.Spec.Version ?? succeeded.LastOrDefault()?.Version;

        if (toVersion is not null)
        {
            if (toVersion == serving?.Spec.Version)
                return new RollbackChoice.Nothing($"{toVersion} is already serving {environment}; nothing to roll back.");
            if (Newest(retained.Where(r => r.Spec.Version == toVersion)) is { } kept)
                return new RollbackChoice.Target(kept.Spec, RollbackSource.RetainedContainer);
            if (succeeded.LastOrDefault(r => r.Version == toVersion) is { } recorded)
                return new RollbackChoice.Target(recorded.ToSpec(), RollbackSource.History);
            if (registryTags.Contains(toVersion, StringComparer.Ordinal) || (registryAvailable && registryTags.Count == 0))
                return new RollbackChoice.FromRegistry(toVersion);
            return new RollbackChoice.Unknown(
                $"{toVersion} was never deployed to {environment} and is not in the registry. Known versions: {Describe(Known(retained, succeeded, registryTags))}.");
        }

        if (current is null)
            return new RollbackChoice.Nothing($"Nothing has been deployed to {environment}; nothing to roll back to.");

        // The most recent successful release of another version, as history orders them; a retained container of it
        // is preferred as the source, because its labels are the exact configuration it ran with.
        if (succeeded.LastOrDefault(r => r.Version != current) is { } record)
        {
            var kept = Newest(retained.Where(r => r.Spec.Version == record.Version && r.Spec.Digest == record.Digest));
            return kept is not null
                ? new RollbackChoice.Target(kept.Spec, RollbackSource.RetainedContainer)
                : new RollbackChoice.Target(record.ToSpec(), RollbackSource.History);
        }
        // No history (e.g. its volume was removed by hand): retained containers still say what ran before.
        if (Newest(retained.Where(r => r.Spec.Version != current)) is { } previous)
            return new RollbackChoice.Target(previous.Spec, RollbackSource.RetainedContainer);

        return new RollbackChoice.Nothing(
            $"Only {current} has been deployed to {environment}; there is no previous release to roll back to. Nothing was changed.");
    }

    /// <summary>
    /// The retained releases a rollback may bring back: not one whose own run failed or was reverted (a release that
    /// failed its window is kept for inspection, with the same version and digest as a good one).
    /// </summary>
    public static IReadOnlyList<RecordedRelease> Usable(IReadOnlyList<RecordedRelease> retained, IReadOnlyList<HistoryRecord> history)
    {
        var failed = history.Where(r => r.Outcome != ReleaseOutcome.Succeeded && r.ReleaseId is not null).Select(r => r.ReleaseId).ToHashSet(StringComparer.Ordinal);
        return failed.Count == 0 ? retained : retained.Where(r => !failed.Contains(r.Stamp.ReleaseId)).ToArray();
    }

    private static RecordedRelease? Newest(IEnumerable<RecordedRelease> releases) =>
        releases.OrderByDescending(r => r.Stamp.DeployedAt).FirstOrDefault();

    private static IEnumerable<string> Known(IReadOnlyList<RecordedRelease> retained, IReadOnlyList<HistoryRecord> succeeded, IReadOnlyList<string> tags) =>
        retained.Select(r => r.Spec.Version).Concat(succeeded.Select(r => r.Version)).Concat(tags.Where(SemanticVersion.IsVersion))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, Comparer<string>.Create(SemanticVersion.Compare));

    private static string Describe(IEnumerable<string> versions) =>
        versions.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";
}
