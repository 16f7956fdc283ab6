namespace Drydock.Deploy;

/// <summary>Which replaced releases to keep (stopped, for a fast rollback) and which to prune, with their images.</summary>
public sealed record RetentionDecision(IReadOnlyList<ContainerState> Keep, IReadOnlyList<ContainerState> Remove, IReadOnlyList<string> ImagesToRemove);

public static class RetentionPolicy
{
    /// <param name="releases">The environment's release containers (labels already filtered by app and environment).</param>
    /// <param name="serving">The container that serves now; never pruned, and its image never removed.</param>
    public static RetentionDecision Decide(IReadOnlyList<ContainerState> releases, string? serving, int keepReleases)
    {
        var replaced = releases
            .Where(c => c.Name != serving && c.Id != serving && !c.Running)
            .OrderByDescending(DeployedAt)
            .ToList();
        var keep = replaced.Take(Math.Max(0, keepReleases)).ToList();
        var remove = replaced.Skip(Math.Max(0, keepReleases)).ToList();

        // An image stays while any remaining container of this environment uses it; docker itself refuses to remove one
        // that another environment's container uses, so pruning never reaches across environments.
        var stillUsed = releases.Except(remove).Select(c => c.ImageId).ToHashSet(StringComparer.Ordinal);
        var images = remove
            .Where(c => !stillUsed.Contains(c.ImageId))
            .Select(c => c.ConfiguredImage)
            .Where(reference => reference.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new RetentionDecision(keep, remove, images);
    }

    private static DateTimeOffset DeployedAt(ContainerState container) =>
        ReleaseLabels.Read(container.Labels)?.Stamp.DeployedAt is { } at && at != default ? at : container.Created;
}
