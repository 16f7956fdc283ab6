using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Drydock.Acme;

namespace Drydock.Edge.Tls;

/// <summary>A certificate ready for handshakes (leaf with key, intermediates sent along) and its facts.</summary>
public sealed record ServedCertificate(SslStreamCertificateContext Context, CertificateFacts Facts)
{
    public static ServedCertificate From(IssuedCertificate issued)
    {
        var chain = issued.Chain();
        var leaf = issued.ToServerCertificate();
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
            intermediates.Add(certificate);
        // offline: the chain is built from what was issued; no fetching of missing intermediates during a handshake.
        return new ServedCertificate(SslStreamCertificateContext.Create(leaf, intermediates, offline: true), issued.Facts);
    }
}

/// <summary>
/// The certificates the HTTPS listener serves, by host name. Installing one replaces the whole map with one atomic
/// write: a handshake reads either the old certificate or the new one, never nothing, so a renewal has no gap.
/// </summary>
public sealed class CertificateSelector
{
    private ImmutableDictionary<string, ServedCertificate> _byName = ImmutableDictionary<string, ServedCertificate>.Empty;
    private readonly object _gate = new();

    public IReadOnlyDictionary<string, ServedCertificate> ByName => Volatile.Read(ref _byName);

    public ServedCertificate? Select(string? serverName) => CertificateChoice.Choose(ByName, serverName);

    public void Install(ServedCertificate certificate)
    {
        lock (_gate)
        {
            var next = _byName;
            foreach (var name in certificate.Facts.Names)
                next = next.SetItem(name.Value, certificate);
            Volatile.Write(ref _byName, next);
        }
    }

    public SslServerAuthenticationOptions HandshakeOptions(string? serverName) => new()
    {
        ServerCertificateContext = Select(serverName)?.Context
            ?? throw new AuthenticationException($"No certificate for the TLS server name '{serverName ?? "(none sent)"}': declare the host on this edge first."),
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
    };
}
