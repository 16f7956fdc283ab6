using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>
/// Whether the checkout has uncommitted changes (untracked non-ignored files count), and if so a short hash of
/// their content. A dirty build must not take the clean commit's tags, or one tag would name two contents.
/// </summary>
public sealed record WorkingTreeState(IReadOnlyList<string> ChangedPaths, string? ContentHash)
{
    /// <summary>Hex digits of the content hash that go into tags: 2^32 values, plenty for one commit's dirty builds.</summary>
    public const int ContentHashLength = 8;

    private const int ListedPaths = 10;

    public static WorkingTreeState Clean { get; } = new([], null);

    public bool IsDirty => ChangedPaths.Count > 0;

    /// <summary>'dirty.&lt;hash&gt;' for a dirty tree, null for a clean one.</summary>
    public string? DirtyLabel => ContentHash is null ? null : "dirty." + ContentHash;

    public static async Task<WorkingTreeState> ReadAsync(IToolRunner runner, GitRepository repository, CancellationToken cancellationToken = default)
    {
        var status = await Git.RunAsync(runner, Git.Query(repository.Root, GitStatus.Arguments), cancellationToken);
        var changed = GitStatus.ChangedPaths(status.Output);
        if (changed.Count == 0)
            return Clean;

        var tree = await WorkingTreeFingerprint.ComputeAsync(runner, repository.Root, cancellationToken);
        return new WorkingTreeState(changed, tree[..ContentHashLength]);
    }

    /// <summary>Refuses a dirty tree unless the caller allowed it (--allow-dirty).</summary>
    public void EnsureBuildable(bool allowDirty)
    {
        if (!IsDirty || allowDirty)
            return;
        var listed = ChangedPaths.Take(ListedPaths).Select(path => "  " + path);
        var more = ChangedPaths.Count > ListedPaths ? $"\n  ... and {ChangedPaths.Count - ListedPaths} more" : string.Empty;
        throw new VersioningException(
            $"The working tree has uncommitted changes, so the image would not match the commit its tags name:\n{string.Join('\n', listed)}{more}\n"
            + $"Commit or stash them, or pass --allow-dirty to build anyway (the tags then carry '-dirty.<hash of the changes>').");
    }
}
