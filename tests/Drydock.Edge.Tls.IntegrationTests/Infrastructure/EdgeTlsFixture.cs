using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Drydock.Edge.Hosting;
using Drydock.Edge.Tls;
using Drydock.Testing.Acme;
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
    private PebbleServer? _server;

    public string WorkDirectory { get; } = RepositoryRoot.Temp($"tls-edge-{Guid.NewGuid():N}");

    public CapturedLog Log { get; } = new();

    public EdgeServer Edge { get; private set; } = null!;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public X509Certificate2 IssuingRoot { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>For <c>Drydock.Edge admin --socket … host …</c>, run in-process as <c>docker exec</c> would run it in the container.</summary>
    public string AdminSocketPath => Path.Combine(WorkDirectory, "state", "admin", "admin.sock");

    public string Logs => $"edge:\n{Log.Text}\n{_server?.Logs}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var ports = FreePort.TakeFromRange(19300, 19399, 6); // this suite's range
        (HttpPort, HttpsPort) = (ports[4], ports[5]);
        _server = await PebbleServer.StartAsync(WorkDirectory, ports[..4], HttpPort, HttpsPort, CertificateValiditySeconds,
            new Dictionary<string, string> { ["PEBBLE_AUTHZREUSE"] = "0" });
        IssuingRoot = _server.IssuingRoot;
        var (directory, bundle) = (_server.DirectoryUrl, _server.TlsCaBundlePath);

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
    public Task FailDnsAsync(string name) => _server!.FailDnsAsync(name);

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
        _server?.Dispose();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class EdgeTlsCollection : ICollectionFixture<EdgeTlsFixture>
{
    public const string Name = "tls-edge";
}
