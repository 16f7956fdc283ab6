namespace Drydock.Deploy;

/// <summary>Releases still in the registry: the tags of a repository and what a tag points to.</summary>
public interface IReleaseTags
{
    Task<IReadOnlyList<string>> ListAsync(string repository, CancellationToken cancellationToken);

    /// <summary>The digest (and commit, from the OCI revision label) of <c>repository:tag</c>; null when absent.</summary>
    Task<TaggedRelease?> FindAsync(string repository, string tag, CancellationToken cancellationToken);
}

public sealed record TaggedRelease(string Tag, string Digest, string? Commit);
