using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Drydock.Engine.Output;

namespace Drydock.Acme.IntegrationTests;

/// <summary>
/// One pebble for the suite, as the verified facts describe: its HTTPS certificate self-signed here (the
/// package ships none) and trusted only by this suite's handler; pebble-challtestsrv as its DNS server, answering
/// A 127.0.0.1 for every name (no AAAA); HTTP-01 answered by <see cref="ChallengeServer"/> on pebble's httpPort.
/// Certificates live one hour so the renewal window is reachable; 20% of nonces are rejected so every run goes
/// through the badNonce retry; authorizations are never reused so every order validates afresh.
/// </summary>
public sealed class PebbleFixture : IAsyncLifetime
{
    public const int CertificateValiditySeconds = 3600;
    private PebbleProcess? _dns;
    private PebbleProcess? _pebble;
    private ChallengeServer? _challenges;
    private int _dnsManagementPort;

    public string WorkDirectory { get; } = RepositoryRoot.Temp($"acme-pebble-{Guid.NewGuid():N}");

    public Uri DirectoryUrl { get; private set; } = null!;

    public string TlsCaBundlePath => Path.Combine(WorkDirectory, "pebble-tls.pem");

    /// <summary>Pebble's issuing root, fetched from its management interface; the only root issued chains validate against.</summary>
    public X509Certificate2 IssuingRoot { get; private set; } = null!;

    internal ChallengeServer Challenges => _challenges!;

    public string Logs => $"pebble:\n{_pebble?.Output}\nchalltestsrv:\n{_dns?.Output}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var ports = FreePort.TakeFromRange(18700, 18799, 5); // this suite's range
        var (acmePort, managementPort, dnsPort, dnsManagementPort, httpPort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        _dnsManagementPort = dnsManagementPort;
        WriteTlsFiles();
        File.WriteAllText(Path.Combine(WorkDirectory, "pebble.json"), new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{acmePort}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = TlsCaBundlePath,
                ["privateKey"] = Path.Combine(WorkDirectory, "pebble-tls.key"),
                ["httpPort"] = httpPort,
                ["tlsPort"] = httpPort,
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = false,
                ["certificateValidityPeriod"] = CertificateValiditySeconds,
            },
        }.ToJsonString());

        _challenges = await ChallengeServer.StartAsync(httpPort);
        _dns = PebbleProcess.Start("pebble-challtestsrv",
            ["-dns01", $"127.0.0.1:{dnsPort}", "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"127.0.0.1:{dnsManagementPort}", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""],
            new Dictionary<string, string>(), WorkDirectory);
        _pebble = PebbleProcess.Start("pebble",
            ["-config", Path.Combine(WorkDirectory, "pebble.json"), "-dnsserver", $"127.0.0.1:{dnsPort}"],
            new Dictionary<string, string> { ["PEBBLE_VA_NOSLEEP"] = "1", ["PEBBLE_WFE_NONCEREJECT"] = "20", ["PEBBLE_AUTHZREUSE"] = "0" },
            WorkDirectory);

        DirectoryUrl = new Uri($"https://127.0.0.1:{acmePort}/dir");
        using var http = new HttpClient(AcmeServerTrust.TrustingOnly(TlsCaBundlePath));
        await WaitUntilAnsweringAsync(http, DirectoryUrl);
        await WaitUntilAnsweringAsync(http, new Uri($"http://127.0.0.1:{dnsManagementPort}/"), anyStatus: true);
        IssuingRoot = X509Certificate2.CreateFromPem(await http.GetStringAsync($"https://127.0.0.1:{managementPort}/roots/0"));
    }

    /// <summary>An ACME client trusting only pebble's HTTPS certificate (the --acme-ca-bundle path).</summary>
    public Task<AcmeClient> ConnectAsync(IBuildLog log) =>
        AcmeClient.ConnectAsync(DirectoryUrl, AcmeServerTrust.TrustingOnly(TlsCaBundlePath), log, CancellationToken.None);

    /// <summary>Makes pebble's DNS answer SERVFAIL for a name (challtestsrv's management API).</summary>
    public async Task FailDnsAsync(string name)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{_dnsManagementPort}/set-servfail", new { host = name + "." });
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_challenges is not null)
            await _challenges.DisposeAsync();
        _pebble?.Dispose();
        _dns?.Dispose();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }

    private void WriteTlsFiles()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=acme pebble test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(TlsCaBundlePath, certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(WorkDirectory, "pebble-tls.key"), key.ExportPkcs8PrivateKeyPem(), System.Text.Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(WorkDirectory, "pebble-tls.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private async Task WaitUntilAnsweringAsync(HttpClient http, Uri url, bool anyStatus = false)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_pebble!.HasExited || _dns!.HasExited)
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

[CollectionDefinition(Name)]
public sealed class PebbleCollection : ICollectionFixture<PebbleFixture>
{
    public const string Name = "pebble";
}
