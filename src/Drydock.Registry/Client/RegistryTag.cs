namespace Drydock.Registry;

/// <summary>A tag as the registry has it: the digest it points to and the labels of the image's config.</summary>
public sealed record RegistryTag(
    string Repository,
    string Tag,
    string Digest,
    string MediaType,
    string ConfigDigest,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>For an index: the digest of the linux/amd64 manifest whose config was read; otherwise equal to <see cref="Digest"/>.</summary>
    public string ImageManifestDigest { get; init; } = Digest;

    public DateTimeOffset? Created { get; init; }

    /// <summary>The source revision the image was built from, if it carries the OCI label.</summary>
    public string? Revision => Labels.GetValueOrDefault("org.opencontainers.image.revision");
}
