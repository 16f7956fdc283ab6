using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme;

/// <summary>
/// The CSR for finalize (RFC 8555 7.4): a fresh ECDSA P-256 key per certificate (never the account key, never
/// reused across certificates), every name as a DNS SAN, the first also as the subject CN.
/// </summary>
public sealed class CertificateSigningRequest : IDisposable
{
    private CertificateSigningRequest(ECDsa key, byte[] der)
    {
        PrivateKey = key;
        Der = der;
    }

    public ECDsa PrivateKey { get; }

    public byte[] Der { get; }

    public static CertificateSigningRequest Create(IReadOnlyList<DnsName> names)
    {
        if (names.Count == 0)
            throw new ArgumentException("A certificate needs at least one host name.", nameof(names));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={names[0].Value}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name.Value);
        request.CertificateExtensions.Add(san.Build(critical: false));
        return new CertificateSigningRequest(key, request.CreateSigningRequest());
    }

    public void Dispose() => PrivateKey.Dispose();
}
