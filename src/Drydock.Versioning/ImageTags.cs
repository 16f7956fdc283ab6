namespace Drydock.Versioning;

/// <summary>
/// The immutable references one build pushes: '&lt;registry&gt;/&lt;name&gt;:&lt;version&gt;' and '&lt;registry&gt;/&lt;name&gt;:sha-&lt;short sha&gt;'.
/// Never 'latest' or any other tag that moves: a deployment names exactly one content.
/// </summary>
public sealed record ImageTags(string Repository, string VersionTag, string CommitTag)
{
    /// <summary>'127.0.0.1:5000/drydock.service:1.2.1-4'.</summary>
    public string VersionReference => $"{Repository}:{VersionTag}";

    /// <summary>'127.0.0.1:5000/drydock.service:sha-1a2b3c4'.</summary>
    public string CommitReference => $"{Repository}:{CommitTag}";

    public IReadOnlyList<string> All => [VersionReference, CommitReference];

    public static ImageTags For(RegistryAddress registry, ImageName name, BuildVersion version) =>
        new($"{registry}/{name}", DockerTag.FromVersion(version.Version), DockerTag.FromVersion(version.CommitTag));

    public static ImageTags For(string registry, string imageName, BuildVersion version) =>
        For(RegistryAddress.Parse(registry), ImageName.Parse(imageName), version);
}
