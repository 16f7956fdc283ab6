using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme;

/// <summary>
/// Which certificates the ACME server's own HTTPS may present. By default the system's roots. With a CA bundle
/// (--acme-ca-bundle, a private ACME server or pebble in tests) only that bundle's certificates are roots, for this
/// handler only: validation is never switched off, and the host name must still match.
/// </summary>
public static class AcmeServerTrust
{
    public static HttpMessageHandler System() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public static HttpMessageHandler TrustingOnly(string caBundlePemPath)
    {
        if (!File.Exists(caBundlePemPath))
            throw new ArgumentException($"The ACME CA bundle {caBundlePemPath} does not exist. Fix: --acme-ca-bundle must name a PEM file with the ACME server's CA certificate.");
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caBundlePemPath);
        if (roots.Count == 0)
            throw new ArgumentException($"The ACME CA bundle {caBundlePemPath} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        return TrustingOnly(roots);
    }

    public static HttpMessageHandler TrustingOnly(X509Certificate2Collection roots) => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, presented, errors) => IsTrusted(certificate, presented, errors, roots),
        },
    };

    internal static bool IsTrusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates the server sent along may complete the path; they are not trusted by themselves.
        if (presented is not null)
            foreach (var element in presented.ChainElements.Skip(1))
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
