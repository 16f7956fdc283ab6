using System.Security.Cryptography;
using System.Text;

namespace Drydock.Acme;

/// <summary>
/// The certificates and account keys on disk (the edge's volume), every file mode 600:
/// <code>
/// accounts/{directory host}-{hash of the directory URL}.key.pem   the account key for that ACME server
/// certificates/{first host name}.pem                            private key + chain, leaf first, one file
/// </code>
/// Key and chain share one file so one atomic rename replaces both: a reader never pairs a new chain with an old key.
/// Nothing here logs; callers log facts (names, issuer, expiry), never contents.
/// </summary>
public sealed class CertificateStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    private string AccountsDirectory => Path.Combine(Root, "accounts");

    private string CertificatesDirectory => Path.Combine(Root, "certificates");

    /// <summary>The account key for this ACME server, created (and stored) on first use.</summary>
    public AccountKey LoadOrCreateAccountKey(Uri directoryUrl)
    {
        var path = AccountKeyPath(directoryUrl);
        if (File.Exists(path))
            return AccountKey.FromPem(File.ReadAllText(path));
        var key = AccountKey.Create();
        SecretFile.WriteAtomically(path, key.ExportPem());
        return key;
    }

    public string AccountKeyPath(Uri directoryUrl)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directoryUrl.AbsoluteUri)))[..12];
        return Path.Combine(AccountsDirectory, $"{directoryUrl.Host}-{hash}.key.pem");
    }

    public string CertificatePath(string id) =>
        Path.Combine(CertificatesDirectory, (DnsName.TryParse(id, out var name, out _) ? name.Value : throw new ArgumentException($"'{id}' is not a certificate id (a host name).", nameof(id))) + ".pem");

    /// <summary>Saves the key as PKCS#8 whatever form it was given in, then the chain.</summary>
    public void Save(string id, IssuedCertificate certificate) =>
        SecretFile.WriteAtomically(CertificatePath(id), PrivateKeyPem.ToPkcs8(certificate.PrivateKeyPem).TrimEnd() + "\n" + certificate.ChainPem.TrimEnd() + "\n");

    /// <summary>Reads a stored file; a key in any <see cref="PrivateKeyPem"/> form is read (files saved as given by older edges).</summary>
    public IssuedCertificate? Load(string id)
    {
        var path = CertificatePath(id);
        if (!File.Exists(path))
            return null;
        var text = File.ReadAllText(path);
        var keyEnd = PrivateKeyPem.Find(text)?.End
            ?? throw new InvalidDataException($"{path} holds no private key. Remove it to let Drydock issue the certificate again.");
        return new IssuedCertificate(text[keyEnd..].Trim() + "\n", text[..keyEnd].Trim() + "\n");
    }

    /// <summary>Every stored certificate's facts, read once, for <see cref="CertificatePlan"/>.</summary>
    public IReadOnlyList<StoredCertificate> ReadAll()
    {
        if (!Directory.Exists(CertificatesDirectory))
            return [];
        return Directory.EnumerateFiles(CertificatesDirectory, "*.pem")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(id => !id.StartsWith('.'))
            .Select(id => Load(id) is { } certificate ? new StoredCertificate(id, certificate.Facts) : null)
            .OfType<StoredCertificate>()
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToArray();
    }
}
