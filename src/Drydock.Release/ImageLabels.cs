using Drydock.Versioning;

namespace Drydock.Release;

/// <summary>The OCI labels every image gets, whatever its Dockerfile says: one commit, one label set.</summary>
public static class ImageLabels
{
    public const string Version = "org.opencontainers.image.version";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Source = "org.opencontainers.image.source";
    public const string Created = "org.opencontainers.image.created";

    /// <summary>The shipped project, relative to the repository root: two projects of one commit are two images.</summary>
    public const string Project = "dev.drydock.project";

    /// <summary>The sha256 of the image's CycloneDX SBOM, which is pushed beside it (see <c>SbomReferrer</c>).</summary>
    public const string Sbom = "dev.drydock.sbom";

    public static IReadOnlyDictionary<string, string> For(BuildVersion version, string source, string project, string? sbomDigest = null)
    {
        var labels = Common(version, source);
        labels[Project] = project;
        if (sbomDigest is not null)
            labels[Sbom] = sbomDigest;
        return labels;
    }

    private static Dictionary<string, string> Common(BuildVersion version, string source) => new()
    {
        [Version] = version.Version,
        [Revision] = version.Revision,
        [Source] = source,
        // The commit date, not the clock: building the same commit twice labels it the same.
        [Created] = version.Created,
    };

    /// <summary>The same values as build args, for Dockerfiles that set the labels themselves.</summary>
    public static IReadOnlyDictionary<string, string> BuildArgs(BuildVersion version, string source, string baseImage) => new Dictionary<string, string>
    {
        ["BASE_IMAGE"] = baseImage,
        ["VERSION"] = version.Version,
        ["REVISION"] = version.Revision,
        ["SOURCE"] = source,
        ["CREATED"] = version.Created,
    };
}
