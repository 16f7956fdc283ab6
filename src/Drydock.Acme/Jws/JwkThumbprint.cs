using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Drydock.Acme;

/// <summary>
/// RFC 7638: SHA-256 over the JWK's required members, ordered by name, as JSON with no whitespace; base64url.
/// Takes the members as data so the RFC's own (RSA) example checks the same code the EC account key uses.
/// </summary>
public static class JwkThumbprint
{
    public static string Compute(IReadOnlyDictionary<string, string> requiredMembers) =>
        Base64Url.EncodeToString(SHA256.HashData(CanonicalJson(requiredMembers)));

    /// <summary>The canonical form: members sorted by code point, no whitespace (also what we put in the jwk header).</summary>
    public static byte[] CanonicalJson(IReadOnlyDictionary<string, string> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                writer.WriteString(name, value);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    internal static string CanonicalJsonText(IReadOnlyDictionary<string, string> members) => Encoding.UTF8.GetString(CanonicalJson(members));
}
