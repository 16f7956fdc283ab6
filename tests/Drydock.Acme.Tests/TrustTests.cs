using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme.Tests;

/// <summary>The CA-bundle decision as data; the integration suite proves the handler against pebble's real HTTPS.</summary>
public class TrustTests
{
    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void Only_a_certificate_from_the_bundle_is_trusted_and_only_for_the_right_name()
    {
        using var bundled = SelfSigned("acme ca");
        using var stranger = SelfSigned("someone else");
        var roots = new X509Certificate2Collection { bundled };

        Assert.True(AcmeServerTrust.IsTrusted(bundled, null, SslPolicyErrors.RemoteCertificateChainErrors, roots));
        Assert.False(AcmeServerTrust.IsTrusted(stranger, null, SslPolicyErrors.RemoteCertificateChainErrors, roots));
        Assert.False(AcmeServerTrust.IsTrusted(bundled, null, SslPolicyErrors.RemoteCertificateNameMismatch, roots));
        Assert.False(AcmeServerTrust.IsTrusted(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, roots));
    }

    [Fact]
    public void A_bundle_path_without_certificates_is_refused_with_the_option_name()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");
            Assert.Contains("holds no PEM certificate", Assert.Throws<ArgumentException>(() => AcmeServerTrust.TrustingOnly(path)).Message);
            Assert.Contains("--acme-ca-bundle", Assert.Throws<ArgumentException>(() => AcmeServerTrust.TrustingOnly(path + ".missing")).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
