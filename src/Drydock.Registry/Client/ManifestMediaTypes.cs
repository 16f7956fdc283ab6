namespace Drydock.Registry;

/// <summary>The manifest formats the client accepts: single images and multi-platform indexes, Docker's and OCI's.</summary>
public static class ManifestMediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public static readonly IReadOnlyList<string> All = [DockerManifest, OciManifest, DockerManifestList, OciIndex];
}
