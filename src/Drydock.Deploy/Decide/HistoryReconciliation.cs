namespace Drydock.Deploy;

/// <summary>
/// What the history must add so it agrees with what the engine shows serves. A run killed after its switch (edge) or
/// swap (replace), or during the drain, put its release in service but never wrote its record: the release serves,
/// its labels say exactly what it is, and the history does not know it. Recovery records it as deployed by an
/// interrupted run, with what the labels know, so Status, Rollback and retention agree with reality.
/// </summary>
public static class HistoryReconciliation
{
    public const string InterruptedNote = "recorded by recovery: the run that put it in service was interrupted before it wrote its record";

    /// <param name="snapshot">Read under the lock after recovery and the strategy's repair (its edge view, when it has one).</param>
    /// <returns>The record to append; null when the history already knows what serves, or nothing identifiable serves.</returns>
    public static HistoryRecord? Decide(EnvironmentSnapshot snapshot)
    {
        // Behind an edge what serves is what the edge routes to; without one, the running release.
        var servingName = snapshot.Edge?.RoutedContainer ?? snapshot.Serving?.Name;
        var serving = snapshot.Releases.FirstOrDefault(r => r.Container.Running && string.Equals(r.Name.TrimStart('/'), servingName, StringComparison.OrdinalIgnoreCase));
        if (serving?.Recorded is not { } recorded || snapshot.RecordedContainers.Contains(serving.Name))
            return null;
        var spec = recorded.Spec;
        var stamp = recorded.Stamp;
        return HistoryRecord.Succeeded(spec, stamp) with
        {
            At = stamp.DeployedAt == default ? serving.Container.Created : stamp.DeployedAt,
            Container = serving.Name,
            ReleaseId = stamp.ReleaseId.Length > 0 ? stamp.ReleaseId : null,
            Who = stamp.DeployedBy.Length > 0 ? stamp.DeployedBy : "unknown",
            PreviousVersion = snapshot.LastSucceeded?.Version,
            Message = InterruptedNote,
        };
    }
}
