using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme;

/// <summary>What the renewal decision and Status need to know of a certificate; no key material.</summary>
public sealed record CertificateFacts(IReadOnlyList<DnsName> Names, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Issuer, string Thumbprint)
{
    public TimeSpan Lifetime => NotAfter - NotBefore;

    public bool Covers(IEnumerable<DnsName> names) => names.All(Names.Contains);

    /// <summary>Reads the leaf (the first certificate of a chain PEM).</summary>
    public static CertificateFacts FromChainPem(string chainPem)
    {
        using var leaf = X509Certificate2.CreateFromPem(chainPem);
        return From(leaf);
    }

    public static CertificateFacts From(X509Certificate2 leaf)
    {
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames())
            .Select(n => DnsName.TryParse(n, out var name, out _) ? name : null)
            .OfType<DnsName>()
            .Distinct()
            .ToArray();
        return new CertificateFacts(
            names,
            new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            leaf.Issuer,
            leaf.Thumbprint);
    }
}
