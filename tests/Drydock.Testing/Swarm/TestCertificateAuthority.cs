using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Testing.Swarm;

/// <summary>
/// A CA made for one test run (in memory, .NET only: no openssl) and a server certificate it signs for given DNS names
/// and IP addresses. Valid for a day; the private keys only ever reach the run's mode-700 directory.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificateAuthority(string commonName)
    {
        var request = new CertificateRequest($"CN={commonName}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A server certificate (PEM) and its private key (PEM, PKCS#8) for the names and addresses.</summary>
    public (string CertificatePem, string KeyPem) IssueServer(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames.FirstOrDefault() ?? addresses[0].ToString()}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
            names.AddDnsName(name);
        foreach (var address in addresses)
            names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        // Within the CA's own validity: a leaf made in a later second than the CA would otherwise outlive it (and be refused).
        using var certificate = request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), Certificate.NotAfter.ToUniversalTime().AddSeconds(-1), serial);
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
