using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Acme;

/// <summary>
/// RFC 8555 6.2: every POST is a flattened JWS with a protected header of alg, nonce, url and exactly one of jwk
/// (newAccount, before the account has a URL) or kid (the account URL, afterwards).
/// </summary>
internal static class JwsMessage
{
    public const string Algorithm = "ES256";

    /// <param name="payloadJson">The payload; null for POST-as-GET, whose payload is the empty string (RFC 8555 6.3).</param>
    public static string Create(AccountKey key, Uri url, string nonce, Uri? accountUrl, string? payloadJson)
    {
        var header = new JsonObject
        {
            ["alg"] = Algorithm,
            ["nonce"] = nonce,
            ["url"] = url.AbsoluteUri,
        };
        if (accountUrl is null)
            header["jwk"] = JsonNode.Parse(JwkThumbprint.CanonicalJson(key.PublicJwk));
        else
            header["kid"] = accountUrl.AbsoluteUri;

        var protectedPart = Encode(header.ToJsonString());
        var payloadPart = payloadJson is null ? string.Empty : Encode(payloadJson);
        var signature = key.Sign(SigningInput(protectedPart, payloadPart));
        return new JsonObject
        {
            ["protected"] = protectedPart,
            ["payload"] = payloadPart,
            ["signature"] = Base64Url.EncodeToString(signature),
        }.ToJsonString();
    }

    /// <summary>RFC 7515 5.1: ASCII(BASE64URL(protected) || '.' || BASE64URL(payload)).</summary>
    public static byte[] SigningInput(string protectedPart, string payloadPart) => Encoding.ASCII.GetBytes($"{protectedPart}.{payloadPart}");

    public static JsonObject DecodeProtectedHeader(string jws)
    {
        var message = JsonNode.Parse(jws)!.AsObject();
        var bytes = Base64Url.DecodeFromChars(message["protected"]!.GetValue<string>());
        return JsonNode.Parse(bytes)!.AsObject();
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
