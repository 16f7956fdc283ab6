using System.Security.Cryptography;
using System.Text;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// An edge container as data, whichever edge it is (one environment's per-port edge or the host-wide one): its name, its
/// image, its network, the <c>docker run</c> it is made with and the fingerprint of that, which tells a running edge
/// made from other settings (<see cref="EdgeContainerDecision"/>).
/// </summary>
public interface IEdgeContainerSpec
{
    string ContainerName { get; }

    string Image { get; }

    string Network { get; }

    /// <summary>What an outdated edge that is not recreated still does, for the warning (e.g. whom it keeps serving).</summary>
    string OutdatedKeepsServing { get; }

    /// <summary>The fingerprint label the container of this spec carries.</summary>
    string Fingerprint();

    /// <summary>The fingerprint of its settings without the image (<see cref="SettingsFingerprintOf"/>).</summary>
    string SettingsFingerprint();

    /// <summary>The <c>docker run</c> of the edge, labelled with its fingerprint.</summary>
    DockerRunSettings ToRunSettings();

    DockerNetworkCreateSettings ToNetworkSettings();

    /// <summary>Sixteen hex digits of SHA-256 over the argv: any change to how the edge runs is a new fingerprint.</summary>
    public static string FingerprintOf(DockerRunSettings unlabelled) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', unlabelled.ToArguments()))))[..16];

    /// <summary>The fingerprint of everything but the image: the port, the bind address, limits, ACME settings.</summary>
    public static string SettingsFingerprintOf(DockerRunSettings unlabelled) => FingerprintOf(unlabelled with { Image = "edge" });

    /// <summary>The settings with their fingerprint labels added (the fingerprints are of the settings without them).</summary>
    public static DockerRunSettings Fingerprinted(DockerRunSettings unlabelled) =>
        unlabelled with
        {
            Labels = new Dictionary<string, string>(unlabelled.Labels)
            {
                [EdgeLabels.Fingerprint] = FingerprintOf(unlabelled),
                [EdgeLabels.SettingsFingerprint] = SettingsFingerprintOf(unlabelled),
            },
        };
}
