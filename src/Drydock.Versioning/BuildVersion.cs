namespace Drydock.Versioning;

/// <summary>
/// The version one build stamps on its image: GitVersion's SemVer for the commit, marked when the working tree
/// was dirty. The dirty mark is a pre-release label ('1.2.3-dirty.1a2b3c4d', '1.2.4-5.dirty.1a2b3c4d'), so a
/// dirty build always sorts below the release it was made from and is never mistaken for it.
/// </summary>
public sealed record BuildVersion(GitVersionResult Git, WorkingTreeState WorkingTree)
{
    /// <summary>The SemVer 2.0 version of this build, for the image tag and the OCI 'version' label.</summary>
    public string Version => WorkingTree.DirtyLabel switch
    {
        null => Git.SemVer,
        var dirty when Git.IsPreRelease => $"{Git.SemVer}.{dirty}",
        var dirty => $"{Git.SemVer}-{dirty}",
    };

    /// <summary>
    /// For 'dotnet publish -p:InformationalVersion=...': the version, then the full sha as the last metadata
    /// segment ('1.2.1-4+Sha.&lt;sha&gt;'), the form the service's /version endpoint reads.
    /// </summary>
    public string InformationalVersion => $"{Version}+Sha.{Git.Sha}";

    /// <summary>'sha-&lt;short sha&gt;', with the dirty mark too: the clean commit's tag must keep naming the clean content.</summary>
    public string CommitTag => WorkingTree.DirtyLabel is { } dirty ? $"sha-{Git.ShortSha}-{dirty}" : $"sha-{Git.ShortSha}";

    /// <summary>The full commit sha, for the OCI 'revision' label.</summary>
    public string Revision => Git.Sha;

    /// <summary>The commit's date in UTC (ISO-8601), for the OCI 'created' label.</summary>
    public string Created => Git.CommitDateUtc;

    public bool IsDirty => WorkingTree.IsDirty;
}
