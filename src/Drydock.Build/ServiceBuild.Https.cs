using Drydock.Deploy;
using Drydock.Engine.Parameters;

namespace Drydock.Build;

/// <summary>
/// The environment's host names on the server's host-wide edge (80/443, HTTPS with ACME or the user's certificate).
/// Each parameter overrides the camelCase key of .nuke/environments/&lt;env&gt;.json (<see cref="EnvironmentHttps"/>).
/// </summary>
public abstract partial class ServiceBuild
{
    [Parameter("Host names the environment answers on through the server's host-wide edge on 80/443, e.g. notes.example.org (default: the environment's \"hosts\"; none: its own port)")]
    readonly string[] Hosts = [];

    [Parameter("The host-wide edge's plain-HTTP port: redirects to HTTPS and ACME challenges (default: the environment's httpPort, else 80)")]
    readonly int? HttpPort;

    [Parameter("The host-wide edge's HTTPS port (default: the environment's httpsPort, else 443)")]
    readonly int? HttpsPort;

    [Parameter("Certificates for --hosts: acme (automatic, HTTP-01), files (--tls-certificate/--tls-key) or off (default: the environment's tls, else acme)")]
    readonly HostTlsMode? Tls;

    [Parameter("ACME directory URL, or letsencrypt / letsencrypt-staging (default: the environment's acmeDirectory, else Let's Encrypt production)")]
    readonly string? AcmeDirectory;

    [Parameter("Contact e-mail of the ACME account (default: the environment's acmeEmail)")]
    readonly string? AcmeEmail;

    [Parameter("A PEM trusted alone for the ACME server's own HTTPS: private ACME servers, pebble (default: the environment's acmeCaBundle, else the system roots)")]
    readonly string? AcmeCaBundle;

    [Parameter("With --tls files: the certificate chain, a PEM file's path or the PEM itself (never printed)"), Secret]
    readonly string? TlsCertificate;

    [Parameter("With --tls files: the private key, a PEM file's path or the PEM itself (never printed)"), Secret]
    readonly string? TlsKey;

    /// <summary>
    /// For <c>Requires</c> on Deploy: the host names, ports, ACME and certificate settings are checked before the first
    /// target runs (with the file's other keys, see <see cref="EnvironmentIsValid"/>), not after an image was pushed.
    /// </summary>
    bool HttpsIsValid => Problems([.. EnvironmentHttps.Problems().Select(p => $"{EnvironmentConfigFile.PathFor(RootDirectory, Environment)} (or its parameter): {p}")]);

    /// <summary>.nuke/environments/&lt;environment&gt;.json's host-wide edge keys, then whatever the command line overrides.</summary>
    EnvironmentHttps EnvironmentHttps
    {
        get
        {
            var https = EnvironmentHttps.Load(RootDirectory, Environment);
            return https with
            {
                Hosts = Hosts.Length > 0 ? Hosts : https.Hosts,
                HttpPort = HttpPort ?? https.HttpPort,
                HttpsPort = HttpsPort ?? https.HttpsPort,
                Tls = Tls ?? https.Tls,
                AcmeDirectory = AcmeDirectory ?? https.AcmeDirectory,
                AcmeEmail = AcmeEmail ?? https.AcmeEmail,
                AcmeCaBundle = AcmeCaBundle is { } bundle ? Path.GetFullPath(bundle, RootDirectory)
                    : https.AcmeCaBundle is { } fileBundle ? Path.GetFullPath(fileBundle, RootDirectory) : null,
                TlsCertificate = TlsCertificate ?? https.TlsCertificate,
                TlsKey = TlsKey ?? https.TlsKey,
            };
        }
    }
}
