using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Drydock.Acme.IntegrationTests;
using Drydock.Edge.Hosting;
using Drydock.Edge.Tls;
using Microsoft.Extensions.Logging;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>
/// One pebble (HTTPS certificate self-signed here, trusted only through the edge's ACME CA bundle), pebble-challtestsrv
/// as its DNS answering A 127.0.0.1 for every name, and one in-process edge on 127.0.0.1 whose HTTP port is pebble's
/// httpPort: pebble validates HTTP-01 against the edge itself. Certificates live <see cref="CertificateValiditySeconds"/>
/// so the background renewal (checked every second) is reached within a test.
/// </summary>
public sealed class EdgeTlsFixture : IAsyncLifetime
{
    public const int CertificateValiditySeconds = 40;
    private PebbleProcess? _dns;
    private PebbleProcess? _pebble;
    private int _dnsManagementPort;

    public string WorkDirectory { get; } = RepositoryRoot.Temp($"tls-edge-{Guid.NewGuid():N}");

    public CapturedLog Log { get; } = new();

    public EdgeServer Edge { get; private set; } = null!;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public X509Certificate2 IssuingRoot { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>For <c>Drydock.Edge admin --socket … host …</c>, run in-process as <c>docker exec</c> would run it in the container.</summary>
    public string AdminSocketPath => Path.Combine(WorkDirectory, "state", "admin", "admin.sock");

    public string Logs => $"edge:\n{Log.Text}\npebble:\n{_pebble?.Output}\nchalltestsrv:\n{_dns?.Output}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var ports = FreePort.TakeFromRange(19300, 19399, 6); // this suite's range
        var (acmePort, managementPort, dnsPort, dnsManagementPort) = (ports[0], ports[1], ports[2], ports[3]);
        (HttpPort, HttpsPort, _dnsManagementPort) = (ports[4], ports[5], dnsManagementPort);
        var bundle = WriteTlsFiles();
        File.WriteAllText(Path.Combine(WorkDirectory, "pebble.json"), new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{acmePort}",
                ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
                ["certificate"] = bundle,
                ["privateKey"] = Path.Combine(WorkDirectory, "pebble-tls.key"),
                ["httpPort"] = HttpPort,
                ["tlsPort"] = HttpsPort,
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = false,
                ["certificateValidityPeriod"] = CertificateValiditySeconds,
            },
        }.ToJsonString());

        _dns = PebbleProcess.Start("pebble-challtestsrv",
            ["-dns01", $"127.0.0.1:{dnsPort}", "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", $"127.0.0.1:{dnsManagementPort}", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""],
            new Dictionary<string, string>(), WorkDirectory);
        _pebble = PebbleProcess.Start("pebble",
            ["-config", Path.Combine(WorkDirectory, "pebble.json"), "-dnsserver", $"127.0.0.1:{dnsPort}"],
            new Dictionary<string, string> { ["PEBBLE_VA_NOSLEEP"] = "1", ["PEBBLE_AUTHZREUSE"] = "0" },
            WorkDirectory);
        var directory = new Uri($"https://127.0.0.1:{acmePort}/dir");
        using (var http = new HttpClient(Acme.AcmeServerTrust.TrustingOnly(bundle)))
        {
            await WaitUntilAnsweringAsync(http, directory);
            await WaitUntilAnsweringAsync(http, new Uri($"http://127.0.0.1:{dnsManagementPort}/"), anyStatus: true);
            IssuingRoot = X509Certificate2.CreateFromPem(await http.GetStringAsync($"https://127.0.0.1:{managementPort}/roots/0"));
        }

        Edge = await EdgeServer.StartAsync(new EdgeOptions
        {
            ListenAddress = IPAddress.Loopback,
            PublicPort = HttpPort,
            AdminPort = 0,
            StateDirectory = Path.Combine(WorkDirectory, "state"),
            AdminSocketPath = AdminSocketPath,
            HandleSignals = false,
            ConfigureLogging = logging => logging.AddProvider(Log),
            Https = new HttpsOptions
            {
                Port = HttpsPort,
                AcmeDirectory = directory,
                AcmeCaBundle = bundle,
                AcmeEmail = "ops@tls.test",
                RenewalCheckInterval = TimeSpan.FromSeconds(1),
            },
        });
        Admin = new HttpClient { BaseAddress = Edge.AdminAddress };
    }

    /// <summary>Makes pebble's DNS answer SERVFAIL for a name (challtestsrv's management API).</summary>
    public async Task FailDnsAsync(string name)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{_dnsManagementPort}/set-servfail", new { host = name + "." });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A client that connects to the edge's 127.0.0.1 ports whatever the URL's host, so the host name is only the SNI
    /// and Host header; it trusts pebble's issuing root alone, checks the name, and records each leaf it was shown.
    /// </summary>
    public HttpClient Client(List<X509Certificate2>? seen = null, bool newConnectionPerRequest = false, X509Certificate2? root = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(root ?? IssuingRoot);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = newConnectionPerRequest ? TimeSpan.Zero : TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = policy,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not null && seen is not null)
                        lock (seen)
                            seen.Add(new X509Certificate2(certificate));
                    return errors == SslPolicyErrors.None;
                },
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Edge is not null)
            await Edge.DisposeAsync();
        _pebble?.Dispose();
        _dns?.Dispose();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }

    private string WriteTlsFiles()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=tls pebble test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var bundle = Path.Combine(WorkDirectory, "pebble-tls.pem");
        File.WriteAllText(bundle, certificate.ExportCertificatePem());
        var keyPath = Path.Combine(WorkDirectory, "pebble-tls.key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem(), System.Text.Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return bundle;
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
public sealed class EdgeTlsCollection : ICollectionFixture<EdgeTlsFixture>
{
    public const string Name = "tls-edge";
}
