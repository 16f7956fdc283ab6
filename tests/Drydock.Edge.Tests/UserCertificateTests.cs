using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Drydock.Acme;
using Drydock.Edge.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Edge.Tests;

/// <summary>The user's own certificate files, given once, are served again by an edge started later on the same state.</summary>
public sealed class UserCertificateTests : IDisposable
{
    private readonly string _tls = Path.Combine(Path.GetTempPath(), $"drydock-edge-user-cert-{Guid.NewGuid():N}");

    [Fact]
    public void A_pkcs1_rsa_key_given_as_files_is_served_again_after_a_restart()
    {
        using var rsa = RSA.Create(2048);
        AssertSurvivesRestart("rsa.example.org", SelfSigned("rsa.example.org", new CertificateRequest("CN=rsa.example.org", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            rsa.ExportRSAPrivateKeyPem());
    }

    [Fact]
    public void A_sec1_ec_key_given_as_files_is_served_again_after_a_restart()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AssertSurvivesRestart("ec.example.org", SelfSigned("ec.example.org", new CertificateRequest("CN=ec.example.org", ec, HashAlgorithmName.SHA256)),
            ec.ExportECPrivateKeyPem());
    }

    private void AssertSurvivesRestart(string host, string certificatePem, string keyPem)
    {
        var name = DnsName.Parse(host);
        var given = Service().UseFiles(name, certificatePem, keyPem);

        var restarted = Service();
        restarted.LoadStored([name]);

        var status = restarted.Status(name);
        Assert.True(status.Present, "the restarted edge serves no certificate for " + host);
        Assert.Equal(given.Thumbprint, status.Thumbprint);
        using var served = new CertificateStore(_tls).Load(host)!.ToServerCertificate();
        Assert.True(served.HasPrivateKey);
    }

    private CertificateService Service() =>
        new(new HttpsOptions(), new CertificateStore(_tls), new CertificateSelector(), TimeProvider.System, NullLogger<CertificateService>.Instance);

    private static string SelfSigned(string host, CertificateRequest request)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }

    public void Dispose()
    {
        if (Directory.Exists(_tls))
            Directory.Delete(_tls, recursive: true);
    }
}
