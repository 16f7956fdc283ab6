using System.Buffers.Text;
using System.Security.Cryptography;

namespace Drydock.Acme;

/// <summary>
/// The ACME account's key: ECDSA P-256, signing ES256 (RFC 7518 3.4: R and S as fixed 32-byte fields, not DER).
/// Its PEM is a secret: it goes only to the certificate store's mode-600 file, never to a log.
/// </summary>
public sealed class AccountKey : IDisposable
{
    private readonly ECDsa _key;

    private AccountKey(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid?.Value != "1.2.840.10045.3.1.7")
        {
            key.Dispose();
            throw new ArgumentException("The ACME account key is not an ECDSA P-256 key; Drydock signs ES256 only. Remove the account key file to let Drydock create a new account.");
        }
        _key = key;
        PublicJwk = new Dictionary<string, string>
        {
            ["crv"] = "P-256",
            ["kty"] = "EC",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
        };
        Thumbprint = JwkThumbprint.Compute(PublicJwk);
    }

    /// <summary>The public key as a JWK: exactly the RFC 7638 required members.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk { get; }

    /// <summary>RFC 7638 thumbprint of <see cref="PublicJwk"/>; the second half of every HTTP-01 key authorization.</summary>
    public string Thumbprint { get; }

    public static AccountKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static AccountKey FromParameters(ECParameters parameters) => new(ECDsa.Create(parameters));

    public static AccountKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException("The ACME account key file holds no readable EC private key. Remove it to let Drydock create a new account.");
        }
        return new AccountKey(key);
    }

    public string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>ES256 over the JWS signing input.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        _key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>RFC 8555 8.1: what the HTTP-01 resource must answer for a token.</summary>
    public string KeyAuthorization(string token) => $"{token}.{Thumbprint}";

    public override string ToString() => $"ACME account key {Thumbprint}";

    public void Dispose() => _key.Dispose();
}
