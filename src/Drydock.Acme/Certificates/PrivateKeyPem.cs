using System.Security.Cryptography;

namespace Drydock.Acme;

/// <summary>
/// A private key's PEM forms: PKCS#8 (<c>PRIVATE KEY</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) and SEC1 (<c>EC PRIVATE KEY</c>).
/// The store writes PKCS#8 only, so what it reads back never depends on the form a user's file came in.
/// </summary>
public static class PrivateKeyPem
{
    private const string Pkcs8Label = "PRIVATE KEY";

    /// <summary>The key as PKCS#8 PEM; throws <see cref="CryptographicException"/> when the text holds no key in a known form.</summary>
    public static string ToPkcs8(string pem)
    {
        var (label, start, end) = Find(pem) ?? throw new CryptographicException("No PEM private key found (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).");
        switch (label)
        {
            case Pkcs8Label:
                return pem[start..end] + "\n";
            case "RSA PRIVATE KEY":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportFromPem(pem);
                    return rsa.ExportPkcs8PrivateKeyPem() + "\n";
                }
            case "EC PRIVATE KEY":
                using (var ec = ECDsa.Create())
                {
                    ec.ImportFromPem(pem);
                    return ec.ExportPkcs8PrivateKeyPem() + "\n";
                }
            default:
                throw new CryptographicException($"A '{label}' key is not supported. Fix: give the key as PKCS#8 (PRIVATE KEY), RSA PRIVATE KEY or EC PRIVATE KEY.");
        }
    }

    /// <summary>The first private key block in <paramref name="text"/> (its label, where it starts and ends), or null.</summary>
    public static (string Label, int Start, int End)? Find(string text)
    {
        var offset = 0;
        while (offset < text.Length && PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            var label = text.AsSpan(offset)[fields.Label].ToString();
            if (label.EndsWith(Pkcs8Label, StringComparison.Ordinal))
                return (label, offset + fields.Location.Start.Value, offset + fields.Location.End.Value);
            offset += fields.Location.End.Value;
        }
        return null;
    }
}
