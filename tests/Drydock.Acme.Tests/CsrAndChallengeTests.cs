using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme.Tests;

public class CsrAndChallengeTests
{
    [Fact]
    public void The_CSR_names_every_host_as_a_SAN_and_each_certificate_gets_a_new_key()
    {
        DnsName[] names = [DnsName.Parse("notes.example.org"), DnsName.Parse("www.notes.example.org")];

        using var first = CertificateSigningRequest.Create(names);
        using var second = CertificateSigningRequest.Create(names);

        var request = CertificateRequest.LoadSigningRequest(first.Der, System.Security.Cryptography.HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Equal("CN=notes.example.org", request.SubjectName.Name);
        var san = new X509SubjectAlternativeNameExtension(Assert.Single(request.CertificateExtensions, e => e.Oid?.Value == "2.5.29.17").RawData);
        Assert.Equal(["notes.example.org", "www.notes.example.org"], san.EnumerateDnsNames());
        Assert.NotEqual(first.PrivateKey.ExportSubjectPublicKeyInfo(), second.PrivateKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task The_store_answers_a_published_token_until_it_is_removed()
    {
        var store = new Http01ChallengeStore();
        var challenge = new Http01Challenge("abc_DEF-123", "abc_DEF-123.thumb");

        await store.PublishAsync(challenge, CancellationToken.None);
        Assert.Equal("/.well-known/acme-challenge/abc_DEF-123", challenge.Path);
        Assert.Equal("abc_DEF-123.thumb", store.Answer(challenge.Path));
        Assert.Null(store.Answer("/.well-known/acme-challenge/other"));
        Assert.Null(store.Answer("/abc_DEF-123"));

        await store.RemoveAsync(challenge.Token, CancellationToken.None);
        Assert.Null(store.Answer(challenge.Path));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("")]
    public void A_token_that_is_not_base64url_is_never_served(string token)
    {
        Assert.Throws<ArgumentException>(() => new Http01Challenge(token, "x"));
        Assert.Null(Http01Challenge.TokenOf(Http01Challenge.PathPrefix + token));
    }
}
