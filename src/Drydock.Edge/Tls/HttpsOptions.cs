using Drydock.Edge.Contract;
namespace Drydock.Edge.Tls;

/// <summary>
/// The HTTPS side of a host-routing edge. Null on <see cref="Hosting.EdgeOptions.Https"/>: no HTTPS listener
/// (the single-route, per-environment edge). Certificates live in <c>&lt;state&gt;/tls</c> (mode 600).
/// </summary>
public sealed record HttpsOptions
{
    public const int DefaultPort = 443;
    public static readonly Uri LetsEncrypt = new("https://acme-v02.api.letsencrypt.org/directory");

    /// <summary>The HTTPS listener's port (443 in the container).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The port clients reach HTTPS on, for redirects (differs from <see cref="Port"/> behind a port mapping).</summary>
    public int? PublicPort { get; init; }

    /// <summary>Opt-in: <c>Strict-Transport-Security</c> on HTTPS answers for hosts with TLS.</summary>
    public bool Hsts { get; init; }

    public TimeSpan HstsMaxAge { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The ACME server's directory (Let's Encrypt production by default; any RFC 8555 server).</summary>
    public Uri AcmeDirectory { get; init; } = LetsEncrypt;

    /// <summary>A PEM trusted (alone) for the ACME server's own HTTPS; null: the system's roots.</summary>
    public string? AcmeCaBundle { get; init; }

    public string? AcmeEmail { get; init; }

    /// <summary>How often stored certificates are checked against <see cref="Drydock.Acme.RenewalPolicy"/>.</summary>
    public TimeSpan RenewalCheckInterval { get; init; } = TimeSpan.FromHours(1);

    public int RedirectPort => PublicPort ?? Port;

    /// <summary>
    /// <c>EDGE_HTTPS_PORT</c> (unset or off: no HTTPS), <c>EDGE_HTTPS_PUBLIC_PORT</c>, <c>EDGE_HSTS</c> (true|false),
    /// <c>EDGE_ACME_DIRECTORY</c>, <c>EDGE_ACME_CA_BUNDLE</c>, <c>EDGE_ACME_EMAIL</c>, <c>EDGE_RENEWAL_CHECK_SECONDS</c>.
    /// </summary>
    public static HttpsOptions? FromEnvironment(Func<string, string?> environment)
    {
        var port = environment(EdgeEnvironment.HttpsPort);
        if (string.IsNullOrWhiteSpace(port) || string.Equals(port.Trim(), EdgeEnvironment.Off, StringComparison.OrdinalIgnoreCase))
            return null;
        return new HttpsOptions
        {
            Port = Number(port, EdgeEnvironment.HttpsPort, 1, 65535),
            PublicPort = environment(EdgeEnvironment.HttpsPublicPort) is { Length: > 0 } p ? Number(p, EdgeEnvironment.HttpsPublicPort, 1, 65535) : null,
            Hsts = environment(EdgeEnvironment.Hsts) is { Length: > 0 } h && (bool.TryParse(h, out var hsts) ? hsts : throw new FormatException($"{EdgeEnvironment.Hsts} must be true or false, not '{h}'.")),
            AcmeDirectory = environment(EdgeEnvironment.AcmeDirectory) is { Length: > 0 } d
                ? Uri.TryCreate(d, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? url : throw new FormatException($"{EdgeEnvironment.AcmeDirectory} must be an https URL, not '{d}'.")
                : LetsEncrypt,
            AcmeCaBundle = environment(EdgeEnvironment.AcmeCaBundle) is { Length: > 0 } b ? b : null,
            AcmeEmail = environment(EdgeEnvironment.AcmeEmail) is { Length: > 0 } e ? e : null,
            RenewalCheckInterval = environment(EdgeEnvironment.RenewalCheckSeconds) is { Length: > 0 } s ? TimeSpan.FromSeconds(Number(s, EdgeEnvironment.RenewalCheckSeconds, 1, 86400)) : TimeSpan.FromHours(1),
        };
    }

    private static int Number(string text, string name, int min, int max) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
}
