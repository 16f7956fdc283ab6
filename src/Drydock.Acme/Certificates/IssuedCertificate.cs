using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme;

/// <summary>
/// A certificate chain (leaf first) with its private key, both PEM. A class, not a record: a record's generated
/// ToString would print the key into any log line that mentions the value.
/// </summary>
public sealed class IssuedCertificate
{
    public IssuedCertificate(string chainPem, string privateKeyPem)
    {
        ChainPem = chainPem;
        PrivateKeyPem = privateKeyPem;
        Facts = CertificateFacts.FromChainPem(chainPem);
    }

    public string ChainPem { get; }

    /// <summary>Secret: for the store's mode-600 file and the TLS server only.</summary>
    public string PrivateKeyPem { get; }

    public CertificateFacts Facts { get; }

    /// <summary>The chain's certificates, leaf first.</summary>
    public X509Certificate2Collection Chain()
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(ChainPem);
        return chain;
    }

    /// <summary>The leaf with its private key, as a TLS server uses it.</summary>
    public X509Certificate2 ToServerCertificate() => X509Certificate2.CreateFromPem(ChainPem, PrivateKeyPem);

    public override string ToString() => $"certificate for {string.Join(", ", Facts.Names)} from {Facts.Issuer}, valid until {Facts.NotAfter:u}";
}
