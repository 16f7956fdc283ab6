namespace Drydock.Deploy;

/// <summary>What to do so an environment's edge routes to a running release, and nothing else runs beside it.</summary>
/// <param name="Target">The release the edge must route to; null when there is none to route to.</param>
/// <param name="StartTarget">The target is stopped and must be started first.</param>
/// <param name="Switch">The route must change to the target.</param>
/// <param name="Stop">Running releases that served before (recorded): stopped, kept for rollback.</param>
/// <param name="Remove">Running releases that never served (a run killed before its switch): removed.</param>
public sealed record EdgeRouteRepair(ContainerState? Target, bool StartTarget, bool Switch, IReadOnlyList<ContainerState> Stop, IReadOnlyList<ContainerState> Remove, string Reason)
{
    public bool NothingToDo => !StartTarget && !Switch && Stop.Count == 0 && Remove.Count == 0;

    /// <summary>
    /// Pure: the routed container is kept while it runs; when it is gone or stopped the edge is pointed at the last good
    /// release (the last successful one in the history, else the newest running, else the newest that ever ran).
    /// </summary>
    /// <param name="routedContainer">The container the edge's active upstream names; null before the first route.</param>
    /// <param name="recordedContainers">Containers that history records as having served successfully.</param>
    public static EdgeRouteRepair Decide(string? routedContainer, IReadOnlyList<ContainerState> releases, string? lastSucceededContainer, IReadOnlySet<string> recordedContainers)
    {
        var started = releases.Where(r => !r.NeverStarted || r.Running).ToList();
        var routed = started.FirstOrDefault(r => Same(r.Name, routedContainer));
        ContainerState? target;
        string reason;
        if (routed is { Running: true })
            (target, reason) = (routed, $"the edge routes to {routed.Name}, which runs");
        else
        {
            var why = routedContainer is null ? "the edge has no route" : routed is null ? $"the edge routes to {routedContainer}, which is gone" : $"the edge routes to {routedContainer}, which is stopped";
            target = started.FirstOrDefault(r => Same(r.Name, lastSucceededContainer))
                ?? started.Where(r => r.Running).MaxBy(DeployedAt)
                ?? started.MaxBy(DeployedAt);
            reason = target is null ? why + "; no release to route to" : $"{why}; routing to {target.Name}, the last good release";
        }
        var others = started.Where(r => r.Running && r != target).ToList();
        return new EdgeRouteRepair(target, target is { Running: false }, target is not null && !Same(target.Name, routedContainer),
            others.Where(r => recordedContainers.Contains(r.Name)).ToList(),
            others.Where(r => !recordedContainers.Contains(r.Name)).ToList(),
            reason);
    }

    private static DateTimeOffset DeployedAt(ContainerState c) => ReleaseLabels.Read(c.Labels)?.Stamp.DeployedAt ?? c.Created;

    private static bool Same(string name, string? other) => other is not null && string.Equals(name.TrimStart('/'), other, StringComparison.OrdinalIgnoreCase);
}
