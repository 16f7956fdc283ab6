using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// The server's one host-wide edge, as data: <c>drydock-edge-host</c> owns the HTTP and HTTPS ports of the engine's
/// host and routes by host name to each host-routed environment's active release. It has its own network (joined to each
/// environment's network as it declares hosts), its own state volume (host routes, certificates and the ACME account key,
/// mode 600) and, with <see cref="CaBundlePem"/>, a small volume holding the ACME server's CA bundle (root-owned: the edge's user can read it, not change it; docker cp refuses a read-only mount). Hardened
/// like every edge: non-root, read-only root, no capabilities, no admin port (admin over <c>docker exec</c>).
/// Inside the container it listens on 8080/8443 (a non-root process cannot bind 80/443); Docker publishes them as
/// <see cref="HttpPort"/>/<see cref="HttpsPort"/>, and redirects name <see cref="HttpsPort"/>.
/// </summary>
/// <param name="ContainerName">One per engine: <see cref="DefaultName"/>; the network is named after it, the volumes start with it.</param>
public sealed record HostEdgeSpec(string ContainerName, string Image, int HttpPort, int HttpsPort, string Bind, Uri AcmeDirectory) : IEdgeContainerSpec
{
    public const string DefaultName = "drydock-edge-host";

    public string Network => ContainerName;

    public string StateVolume => ContainerName + "-state";

    public string AcmeVolume => ContainerName + "-acme";
    public const string Role = "edge-host";
    public const int ContainerHttpPort = 8080;
    public const int ContainerHttpsPort = 8443;
    public const string CaBundleMountPath = "/acme";
    public const string CaBundlePath = CaBundleMountPath + "/ca-bundle.pem";

    public string? AcmeEmail { get; init; }

    /// <summary>The PEM the edge trusts alone for the ACME server's HTTPS (a private CA, pebble); null: the system roots.</summary>
    public string? CaBundlePem { get; init; }

    /// <summary>How often the edge checks its certificates for renewal; null: the edge's default (hourly).</summary>
    public TimeSpan? RenewalCheck { get; init; }

    public static IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string> { [ReleaseLabels.Role] = Role };

    /// <summary>The <c>docker create</c> of the edge, labelled with its fingerprint (started after the CA bundle is copied in).</summary>
    public DockerRunSettings ToRunSettings() => IEdgeContainerSpec.Fingerprinted(Unlabelled());

    public string Fingerprint() => IEdgeContainerSpec.FingerprintOf(Unlabelled());

    public string SettingsFingerprint() => IEdgeContainerSpec.SettingsFingerprintOf(Unlabelled());

    public string OutdatedKeepsServing => "it keeps serving every app until it is upgraded deliberately (the edge image changed)";

    public DockerNetworkCreateSettings ToNetworkSettings() => new(Network) { Driver = "bridge", Labels = Labels };

    private DockerRunSettings Unlabelled()
    {
        var environment = new Dictionary<string, string>
        {
            ["EDGE_ADMIN_PORT"] = "off",
            ["EDGE_SHUTDOWN_TIMEOUT_SECONDS"] = ((int)EdgeContainerSpec.DefaultShutdownTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["EDGE_PUBLIC_PORT"] = ContainerHttpPort.ToString(CultureInfo.InvariantCulture),
            ["EDGE_HTTPS_PORT"] = ContainerHttpsPort.ToString(CultureInfo.InvariantCulture),
            ["EDGE_HTTPS_PUBLIC_PORT"] = HttpsPort.ToString(CultureInfo.InvariantCulture),
            ["EDGE_ACME_DIRECTORY"] = AcmeDirectory.ToString(),
        };
        if (AcmeEmail is { Length: > 0 } email)
            environment["EDGE_ACME_EMAIL"] = email;
        if (CaBundlePem is not null)
            environment["EDGE_ACME_CA_BUNDLE"] = CaBundlePath;
        if (RenewalCheck is { } check)
            environment["EDGE_RENEWAL_CHECK_SECONDS"] = ((int)Math.Max(1, check.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>(Labels)
        {
            [EdgeLabels.PublicPort] = HttpPort.ToString(CultureInfo.InvariantCulture),
            [EdgeLabels.HttpsPort] = HttpsPort.ToString(CultureInfo.InvariantCulture),
        };
        // The bundle's content is part of what the edge is: a new bundle is a new spec.
        if (CaBundlePem is not null)
            labels[EdgeLabels.AcmeCaBundle] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CaBundlePem)))[..16];
        return EdgeContainerSpec.Hardened(new DockerRunSettings(Image)
        {
            Name = ContainerName,
            Detach = true,
            Labels = labels,
            Network = Network,
            Publish = [new PortMapping(HttpPort, ContainerHttpPort, Bind), new PortMapping(HttpsPort, ContainerHttpsPort, Bind)],
            Environment = environment,
            Volumes = [new VolumeMount(StateVolume, EdgeContainerSpec.StateMountPath), .. CaBundlePem is null ? Array.Empty<VolumeMount>() : [new VolumeMount(AcmeVolume, CaBundleMountPath)]],
        }, EdgeContainerSpec.DefaultShutdownTimeout);
    }
}
