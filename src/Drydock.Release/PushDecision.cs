using Drydock.Registry;

namespace Drydock.Release;

public enum PushAction
{
    /// <summary>The registry lacks the tag: push it.</summary>
    Push,

    /// <summary>The tag already holds an image of this commit: reuse its digest, push nothing.</summary>
    AlreadyPublished,

    /// <summary>The tag holds another commit's image: tags are immutable, so stop.</summary>
    Refuse,
}

/// <summary>What to do with one tag, decided from what the registry holds for it. Nothing is ever overwritten.</summary>
public sealed record PushDecision(string Reference, PushAction Action, string? ExistingDigest, string Explanation)
{
    /// <param name="project">The shipped project as <see cref="ImageLabels.Project"/> records it; a tag of this commit
    /// built from another project is refused, so two projects of one commit never share a tag.</param>
    public static PushDecision For(string reference, RegistryTag? existing, string commit, string? project = null) => existing switch
    {
        null => new(reference, PushAction.Push, null, $"{reference} is not in the registry yet: pushing"),
        { Revision: var revision } when string.Equals(revision, commit, StringComparison.OrdinalIgnoreCase)
            && existing.Labels.GetValueOrDefault(ImageLabels.Project) is { } other && project is not null && other != project =>
            new(reference, PushAction.Refuse, existing.Digest,
                $"{reference} already holds {other} of commit {Short(commit)} ({existing.Digest}), not {project}: one tag names one image, so nothing was pushed. "
                + $"Give this project its own image name (--image-name), or leave --image-name out to use the project's name."),
        { Revision: var revision } when string.Equals(revision, commit, StringComparison.OrdinalIgnoreCase) =>
            new(reference, PushAction.AlreadyPublished, existing.Digest, $"{reference} is already published from commit {Short(commit)} ({existing.Digest}): nothing to push"),
        _ => new(reference, PushAction.Refuse, existing.Digest,
            $"{reference} already exists in the registry and was built from commit {Short(existing.Revision ?? "unknown (no org.opencontainers.image.revision label)")}, "
            + $"not from {Short(commit)}. Tags are immutable, so nothing was pushed and {existing.Digest} stays. "
            + "Make a new commit (GitVersion gives it a new version), or tag a release (git tag vX.Y.Z) so this commit gets its own version."),
    };

    private static string Short(string sha) => sha.Length > 12 && sha.All(char.IsAsciiHexDigit) ? sha[..12] : sha;
}
