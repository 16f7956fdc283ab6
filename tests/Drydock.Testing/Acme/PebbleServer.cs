using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Drydock.Acme;

namespace Drydock.Testing.Acme;

/// <summary>
/// A real pebble for a test suite, as the verified facts describe: its HTTPS certificate self-signed here (the
/// package ships none) and trusted only through <see cref="TlsCaBundlePath"/>; pebble-challtestsrv as its DNS server,
/// answering A 127.0.0.1 for every name (no AAAA); both started by pid and stopped by that pid only. HTTP-01 (and
/// TLS-ALPN-01) are validated against the caller's <c>httpPort</c>/<c>tlsPort</c> on 127.0.0.1.
/// </summary>
public sealed class PebbleServer : IDisposable
{
    private readonly PebbleProcess _dns;
    private readonly PebbleProcess _pebble;
    private readonly int _dnsManagementPort;

    private PebbleServer(PebbleProcess dns, PebbleProcess pebble, int dnsManagementPort, Uri directoryUrl, string tlsCaBundlePath)
    {
        (_dns, _pebble, _dnsManagementPort, DirectoryUrl, TlsCaBundlePath) = (dns, pebble, dnsManagementPort, directoryUrl, tlsCaBundlePath);
    }

    public Uri DirectoryUrl { get; }

    /// <summary>Pebble's own HTTPS certificate (the --acme-ca-bundle a client needs to talk to it).</summary>
    public string TlsCaBundlePath { get; }

    /// <summary>Pebble's issuing root, fetched from its management interface; the only root issued chains validate against.</summary>
    public X509Certificate2 IssuingRoot { get; private set; } = null!;

    public string Logs => $"pebble:\n{_pebble.Output}\nchalltestsrv:\n{_dns.Output}";

    /// <summary>Starts pebble and its DNS on four ports of the caller's range and waits until both answer.</summary>
    /// <param name="ports">ACME, management, DNS and DNS-management ports, in that order.</param>
    /// <param name="pebbleEnvironment">Extra pebble settings beyond PEBBLE_VA_NOSLEEP, e.g. nonce rejection.</param>
    /// <param name="listenAddress">
    /// Where the ACME API listens (its TLS certificate names it): loopback by default; the Docker bridge's gateway address
    /// when an edge in a container must reach it (the container's 127.0.0.1 is its own).
    /// </param>
    public static async Task<PebbleServer> StartAsync(
        string workDirectory, IReadOnlyList<int> ports, int httpPort, int tlsPort, int certificateValiditySeconds, IReadOnlyDictionary<string, string> pebbleEnvironment,
        string listenAddress = "127.0.0.1")
    {
        var (acmePort, managementPort, dnsPort, dnsManagementPort) = (ports[0], ports[1], ports[2], ports[3]);
        var (bundle, keyPath) = WriteTlsFiles(workDirectory, IPAddress.Parse(listenAddress));
        var config = Path.Combine(workDirectory, "pebble.json");
        File.WriteAllText(config, new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"{listenAddress}:{acmePort}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = bundle,
                ["privateKey"] = keyPath,
                ["httpPort"] = httpPort,
                ["tlsPort"] = tlsPort,
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = false,
                ["certificateValidityPeriod"] = certificateValiditySeconds,
            },
        }.ToJsonString());

        var dns = PebbleProcess.Start("pebble-challtestsrv",
            ["-dns01", $"127.0.0.1:{dnsPort}", "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"127.0.0.1:{dnsManagementPort}", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""],
            new Dictionary<string, string>(), workDirectory);
        var pebble = PebbleProcess.Start("pebble",
            ["-config", config, "-dnsserver", $"127.0.0.1:{dnsPort}"],
            new Dictionary<string, string>(pebbleEnvironment) { ["PEBBLE_VA_NOSLEEP"] = "1" },
            workDirectory);
        var server = new PebbleServer(dns, pebble, dnsManagementPort, new Uri($"https://{listenAddress}:{acmePort}/dir"), bundle);
        try
        {
            using var http = new HttpClient(AcmeServerTrust.TrustingOnly(bundle));
            await server.WaitUntilAnsweringAsync(http, server.DirectoryUrl);
            await server.WaitUntilAnsweringAsync(http, new Uri($"http://127.0.0.1:{dnsManagementPort}/"), anyStatus: true);
            server.IssuingRoot = X509Certificate2.CreateFromPem(await http.GetStringAsync($"https://127.0.0.1:{managementPort}/roots/0"));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Makes pebble's DNS answer SERVFAIL for a name (challtestsrv's management API).</summary>
    public async Task FailDnsAsync(string name)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{_dnsManagementPort}/set-servfail", new { host = name + "." });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _pebble.Dispose();
        _dns.Dispose();
    }

    private static (string Bundle, string KeyPath) WriteTlsFiles(string workDirectory, IPAddress listenAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pebble test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        if (!listenAddress.Equals(IPAddress.Loopback))
            san.AddIpAddress(listenAddress);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var bundle = Path.Combine(workDirectory, "pebble-tls.pem");
        var keyPath = Path.Combine(workDirectory, "pebble-tls.key");
        File.WriteAllText(bundle, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem(), System.Text.Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (bundle, keyPath);
    }

    private async Task WaitUntilAnsweringAsync(HttpClient http, Uri url, bool anyStatus = false)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_pebble.HasExited || _dns.HasExited)
                throw new InvalidOperationException($"pebble or pebble-challtestsrv exited while starting.\n{Logs}");
            try
            {
                using var response = await http.GetAsync(url);
                if (anyStatus || response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException exception)
            {
                last = exception;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"{url} did not answer within 10 s ({last?.Message}).\n{Logs}");
    }
}
