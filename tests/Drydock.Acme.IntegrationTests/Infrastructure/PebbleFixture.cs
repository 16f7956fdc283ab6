using System.Security.Cryptography.X509Certificates;
using Drydock.Engine.Output;
using Drydock.Testing.Acme;

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
    private PebbleServer? _server;
    private ChallengeServer? _challenges;

    public string WorkDirectory { get; } = RepositoryRoot.Temp($"acme-pebble-{Guid.NewGuid():N}");

    private PebbleServer Server => _server ?? throw new InvalidOperationException("pebble is not started");

    public Uri DirectoryUrl => Server.DirectoryUrl;

    public string TlsCaBundlePath => Server.TlsCaBundlePath;

    /// <summary>Pebble's issuing root, fetched from its management interface; the only root issued chains validate against.</summary>
    public X509Certificate2 IssuingRoot => Server.IssuingRoot;

    internal ChallengeServer Challenges => _challenges!;

    public string Logs => _server?.Logs ?? "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var ports = FreePort.TakeFromRange(18700, 18799, 5); // this suite's range
        _challenges = await ChallengeServer.StartAsync(ports[4]);
        _server = await PebbleServer.StartAsync(WorkDirectory, ports[..4], httpPort: ports[4], tlsPort: ports[4], CertificateValiditySeconds,
            new Dictionary<string, string> { ["PEBBLE_WFE_NONCEREJECT"] = "20", ["PEBBLE_AUTHZREUSE"] = "0" });
    }

    /// <summary>An ACME client trusting only pebble's HTTPS certificate (the --acme-ca-bundle path).</summary>
    public Task<AcmeClient> ConnectAsync(IBuildLog log) =>
        AcmeClient.ConnectAsync(DirectoryUrl, AcmeServerTrust.TrustingOnly(TlsCaBundlePath), log, CancellationToken.None);

    /// <summary>Makes pebble's DNS answer SERVFAIL for a name (challtestsrv's management API).</summary>
    public Task FailDnsAsync(string name) => Server.FailDnsAsync(name);

    public async Task DisposeAsync()
    {
        if (_challenges is not null)
            await _challenges.DisposeAsync();
        _server?.Dispose();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PebbleCollection : ICollectionFixture<PebbleFixture>
{
    public const string Name = "pebble";
}
