using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Acme;

namespace Drydock.Deploy;

/// <summary>How the host-wide edge serves an environment's host names: <c>acme</c> certificates, the user's own <c>files</c>, or plain HTTP (<c>off</c>).</summary>
public enum HostTlsMode
{
    Acme,
    Files,
    Off,
}

/// <summary>
/// An environment's host names on the server's shared edge (<c>drydock-edge-host</c>, which owns 80/443) and how
/// their certificates are obtained, from <c>.nuke/environments/&lt;env&gt;.json</c> (camelCase keys below) and the
/// build's parameters (<c>--hosts</c>, <c>--http-port</c>, …). Kept apart from <see cref="EnvironmentConfig"/> like
/// <see cref="EnvironmentHost"/>: where the server's edge listens is not part of what a release is, and the certificate
/// and key are secrets, so none of this is recorded with releases. No <see cref="Hosts"/>: the environment keeps its own
/// per-port edge, unchanged.
/// </summary>
public sealed record EnvironmentHttps
{
    /// <summary>This record's keys of the environment file, as <see cref="EnvironmentSettingTable"/> declares them.</summary>
    public static IReadOnlyList<string> PropertyNames => EnvironmentSettingTable.KeysOf(SettingRecord.Https);

    /// <summary>Let's Encrypt production, the default directory.</summary>
    public static readonly Uri LetsEncrypt = new("https://acme-v02.api.letsencrypt.org/directory");

    /// <summary>Let's Encrypt staging (untrusted certificates, generous rate limits): for a first try of a real domain.</summary>
    public static readonly Uri LetsEncryptStaging = new("https://acme-staging-v02.api.letsencrypt.org/directory");

    /// <summary>The environment's host names, e.g. <c>notes.example.org</c>; none: the environment is not host-routed.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The server's plain-HTTP port (redirects to HTTPS, ACME HTTP-01 challenges).</summary>
    public int HttpPort { get; init; } = 80;

    public int HttpsPort { get; init; } = 443;

    public HostTlsMode Tls { get; init; } = HostTlsMode.Acme;

    /// <summary>An RFC 8555 directory URL, or <c>letsencrypt</c> / <c>letsencrypt-staging</c>; default Let's Encrypt production.</summary>
    public string? AcmeDirectory { get; init; }

    public string? AcmeEmail { get; init; }

    /// <summary>A PEM file trusted (alone) for the ACME server's own HTTPS: private ACME servers, pebble in tests.</summary>
    public string? AcmeCaBundle { get; init; }

    /// <summary>With <c>tls: files</c>: the certificate chain, a PEM file's path or the PEM itself (a secret: never logged).</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>With <c>tls: files</c>: the private key, a PEM file's path or the PEM itself (a secret: never logged).</summary>
    public string? TlsKey { get; init; }

    /// <summary>Whether the environment is served by the host-wide edge.</summary>
    public bool HostRouted => Hosts.Count > 0;

    /// <summary>The host names, parsed once (lower case, IDN as xn--).</summary>
    public IReadOnlyList<DnsName> HostNames => [.. Hosts.Select(DnsName.Parse).Distinct()];

    /// <summary>The directory URL the edge uses.</summary>
    public Uri Directory => AcmeDirectory?.Trim().ToLowerInvariant() switch
    {
        null or "" or "letsencrypt" => LetsEncrypt,
        "letsencrypt-staging" => LetsEncryptStaging,
        _ => new Uri(AcmeDirectory!.Trim()),
    };

    /// <summary>Only this record's keys of the environment file; the rest belongs to <see cref="EnvironmentConfig"/>.</summary>
    public static EnvironmentHttps Parse(string json, string source = "environment config") =>
        From(EnvironmentConfigFile.ParseObject(json, source), source);

    /// <summary>This record's keys of an already parsed file.</summary>
    public static EnvironmentHttps From(JsonObject all, string source)
    {
        var mine = new JsonObject();
        foreach (var name in PropertyNames)
            if (all[name] is { } value)
                mine[name] = value.DeepClone();
        try
        {
            return mine.Deserialize<EnvironmentHttps>(DeployJson.Strict) ?? new EnvironmentHttps();
        }
        catch (JsonException e)
        {
            throw new DeployException($"{source}: the host-wide edge settings (hosts, httpPort, httpsPort, tls, acme*) are invalid: {e.Message}. "
                + "Example: \"hosts\": [\"notes.example.org\"], \"tls\": \"acme\", \"acmeEmail\": \"ops@example.org\".");
        }
    }

    /// <summary>Every problem at once, each naming its key and the fix; nothing is changed before this passes.</summary>
    public IReadOnlyList<string> Problems(Func<string, bool>? fileExists = null)
    {
        fileExists ??= File.Exists;
        var problems = new List<string>();
        if (!HostRouted)
            return problems;
        foreach (var host in Hosts)
            if (!DnsName.TryParse(host, out _, out var error))
                problems.Add($"hosts: {error}");
        if (HttpPort is < 1 or > 65535)
            problems.Add($"httpPort {HttpPort} is not a port (1-65535; 80 on a real server)");
        if (HttpsPort is < 1 or > 65535)
            problems.Add($"httpsPort {HttpsPort} is not a port (1-65535; 443 on a real server)");
        if (HttpPort == HttpsPort)
            problems.Add($"httpPort and httpsPort are both {HttpPort}: give HTTPS its own port (443)");
        if (Tls == HostTlsMode.Acme)
        {
            if (AcmeDirectory is { Length: > 0 } directory && directory.Trim().ToLowerInvariant() is not ("letsencrypt" or "letsencrypt-staging")
                && !(Uri.TryCreate(directory.Trim(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps))
                problems.Add($"acmeDirectory '{directory}' is not an https URL: use an RFC 8555 directory such as {LetsEncryptStaging}, or letsencrypt / letsencrypt-staging");
            if (AcmeEmail is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
                problems.Add($"acmeEmail '{email}' is not an e-mail address (the ACME account's contact, e.g. ops@example.org)");
            if (AcmeCaBundle is { Length: > 0 } bundle && !fileExists(bundle))
                problems.Add($"acmeCaBundle '{bundle}' does not exist: name a PEM file the ACME server's HTTPS certificate chains to, or leave it out to trust the system roots");
        }
        if (Tls == HostTlsMode.Files)
        {
            if (string.IsNullOrWhiteSpace(TlsCertificate))
                problems.Add("tls is files but tlsCertificate is missing: pass --tls-certificate (a PEM path or value, e.g. from the TLS_CERTIFICATE secret)");
            if (string.IsNullOrWhiteSpace(TlsKey))
                problems.Add("tls is files but tlsKey is missing: pass --tls-key (a PEM path or value, e.g. from the TLS_KEY secret)");
        }
        return problems;
    }

    /// <summary>Throws one <see cref="DeployException"/> with every problem; nothing was changed.</summary>
    public void Validate(Func<string, bool>? fileExists = null)
    {
        var problems = Problems(fileExists);
        if (problems.Count > 0)
            throw new DeployException("The host-wide edge settings are invalid: " + string.Join("; ", problems) + ". Nothing was changed.");
    }

    /// <summary>A PEM given as a value, or read from the file it names (the secret's value is never in an exception).</summary>
    public static string ReadPem(string pathOrValue, string key)
    {
        if (pathOrValue.Contains("-----BEGIN", StringComparison.Ordinal))
            return pathOrValue;
        if (!File.Exists(pathOrValue))
            throw new DeployException($"{key}: no such file and not a PEM value. Pass a PEM file's path, or the PEM itself through a secret. Nothing was changed.");
        return File.ReadAllText(pathOrValue);
    }
}
