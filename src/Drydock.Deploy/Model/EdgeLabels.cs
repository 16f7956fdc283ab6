namespace Drydock.Deploy;

/// <summary>
/// Every label an edge carries, wherever it runs (a per-port container, the host-wide container, the swarm service, and
/// the edge image): the environment's owner labels (<see cref="ReleaseLabels.Owner(EnvironmentId, string)"/>) with the
/// role <c>edge</c>, so the environment's listing finds its edge too, and the edge's own under <see cref="Prefix"/>.
/// </summary>
public static class EdgeLabels
{
    public const string EdgeRole = "edge";

    public const string Prefix = ReleaseLabels.Prefix + "edge.";

    /// <summary>A hash of the container's run settings: a running edge with another fingerprint was made from another spec.</summary>
    public const string Fingerprint = Prefix + "fingerprint";

    /// <summary>The same hash with the image left out: tells a new edge image (kept until upgraded) from changed settings (refused).</summary>
    public const string SettingsFingerprint = Prefix + "settings-fingerprint";

    public const string PublicPort = Prefix + "public-port";

    /// <summary>The host-wide edge's published HTTPS port.</summary>
    public const string HttpsPort = Prefix + "https-port";

    /// <summary>A hash of the CA bundle the host-wide edge trusts for its ACME server: a new bundle is a new spec.</summary>
    public const string AcmeCaBundle = Prefix + "acme-ca-bundle";

    /// <summary>On the edge image: a hash of the sources and the base, the tag's suffix.</summary>
    public const string ContentHash = Prefix + "content-hash";

    /// <summary>On the edge image: a hash of the sources alone, to find an image of these sources without resolving the base.</summary>
    public const string SourceHash = Prefix + "source-hash";

    /// <summary>On the edge image: the base image it was built on.</summary>
    public const string BaseImage = Prefix + "base-image";

    /// <summary>On the swarm edge service: the edge image it was created from (a service's image is resolved to a digest).</summary>
    public const string ServiceImage = ReleaseLabels.Prefix + "edge-image";

    public static IReadOnlyDictionary<string, string> Owner(EnvironmentId environment) => ReleaseLabels.Owner(environment, EdgeRole);
}
