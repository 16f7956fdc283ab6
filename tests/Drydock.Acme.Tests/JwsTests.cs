using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Drydock.Acme.Tests;

public class JwsTests
{
    // RFC 7515 Appendix A.3: the ES256 example key, header, payload and signature.
    private const string A3Protected = "eyJhbGciOiJFUzI1NiJ9";
    private const string A3Payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    private const string A3Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private static AccountKey Rfc7515Key() => AccountKey.FromParameters(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint
        {
            X = Base64Url.DecodeFromChars("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
            Y = Base64Url.DecodeFromChars("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"),
        },
        D = Base64Url.DecodeFromChars("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"),
    });

    [Fact]
    public void The_RFC_7638_example_key_has_the_RFC_thumbprint()
    {
        var members = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["n"] = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            ["e"] = "AQAB",
        };

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JwkThumbprint.Compute(members));
    }

    [Fact]
    public void The_EC_JWK_is_canonical_with_members_in_code_point_order_and_no_whitespace()
    {
        using var key = Rfc7515Key();

        Assert.Equal(
            """{"crv":"P-256","kty":"EC","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""",
            JwkThumbprint.CanonicalJsonText(key.PublicJwk));
        Assert.Equal(JwkThumbprint.Compute(key.PublicJwk), key.Thumbprint);
    }

    [Fact]
    public void The_RFC_7515_A3_signature_verifies_over_our_signing_input()
    {
        using var key = Rfc7515Key();
        var input = JwsMessage.SigningInput(A3Protected, A3Payload);

        Assert.True(key.Verify(input, Base64Url.DecodeFromChars(A3Signature)));
        Assert.False(key.Verify(Encoding.ASCII.GetBytes(A3Protected + "." + A3Payload + "x"), Base64Url.DecodeFromChars(A3Signature)));
    }

    [Fact]
    public void Our_ES256_signatures_are_64_byte_R_S_pairs_that_verify()
    {
        using var key = Rfc7515Key();
        var input = JwsMessage.SigningInput(A3Protected, A3Payload);

        var signature = key.Sign(input);

        Assert.Equal(64, signature.Length);
        Assert.True(key.Verify(input, signature));
    }

    [Fact]
    public void NewAccount_carries_the_jwk_and_later_requests_the_kid_never_both()
    {
        using var key = AccountKey.Create();
        var url = new Uri("https://acme.test/new-acct");

        var first = JwsMessage.DecodeProtectedHeader(JwsMessage.Create(key, url, "nonce-1", accountUrl: null, "{}"));
        var later = JwsMessage.DecodeProtectedHeader(JwsMessage.Create(key, url, "nonce-2", new Uri("https://acme.test/acct/7"), "{}"));

        Assert.Equal("ES256", first["alg"]!.GetValue<string>());
        Assert.Equal("nonce-1", first["nonce"]!.GetValue<string>());
        Assert.Equal(url.AbsoluteUri, first["url"]!.GetValue<string>());
        Assert.Equal(key.PublicJwk["x"], first["jwk"]!["x"]!.GetValue<string>());
        Assert.False(first.ContainsKey("kid"));
        Assert.Equal("https://acme.test/acct/7", later["kid"]!.GetValue<string>());
        Assert.False(later.ContainsKey("jwk"));
    }

    [Fact]
    public void A_message_verifies_with_the_account_key_and_POST_as_GET_has_an_empty_payload()
    {
        using var key = AccountKey.Create();
        var jws = System.Text.Json.Nodes.JsonNode.Parse(JwsMessage.Create(key, new Uri("https://acme.test/order/1"), "n", new Uri("https://acme.test/acct/1"), payloadJson: null))!;

        var protectedPart = jws["protected"]!.GetValue<string>();
        Assert.Equal(string.Empty, jws["payload"]!.GetValue<string>());
        Assert.True(key.Verify(JwsMessage.SigningInput(protectedPart, string.Empty), Base64Url.DecodeFromChars(jws["signature"]!.GetValue<string>())));
    }

    [Fact]
    public void The_key_authorization_is_token_dot_thumbprint_and_the_key_survives_its_PEM()
    {
        using var key = AccountKey.Create();
        using var again = AccountKey.FromPem(key.ExportPem());

        Assert.Equal($"tok_en-1.{key.Thumbprint}", key.KeyAuthorization("tok_en-1"));
        Assert.Equal(key.Thumbprint, again.Thumbprint);
        Assert.DoesNotContain("PRIVATE", key.ToString());
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_with_the_fix()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<ArgumentException>(() => AccountKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("P-256", error.Message);
    }
}
