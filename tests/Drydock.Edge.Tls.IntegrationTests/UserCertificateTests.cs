using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Drydock.Edge.Tests;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>A company's own CA: the user's certificate and key served for their host, and a certificate for another name refused.</summary>
[Collection(EdgeTlsCollection.Name)]
public sealed class UserCertificateTests(EdgeTlsFixture fixture) : IAsyncLifetime
{
    private TestUpstream _app = null!;

    public async Task InitializeAsync() => _app = await TestUpstream.StartAsync("internal");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_users_own_certificate_is_served_for_its_host()
    {
        var host = $"intranet.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
        using var ca = CreateCa(out var caKey);
        var (chainPem, keyPem) = Issue(ca, host);
        await fixture.Admin.DeclareAsync(host, "files");
        await fixture.Admin.SwitchAsync(host, _app.Address, "1.0.0");

        using var put = await fixture.Admin.PutAsJsonAsync($"/hosts/{host}/certificate", new { certificatePem = chainPem, keyPem });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var seen = new List<X509Certificate2>();
        using var client = fixture.Client(seen, root: ca);
        Assert.Equal("internal", await client.GetStringAsync($"https://{host}:{fixture.HttpsPort}/"));
        Assert.Equal("CN=Example Corp CA", seen[^1].Issuer);
        Assert.Equal("CN=Example Corp CA", (await fixture.Admin.CertificateAsync(host))["issuer"]!.ToString());
        Assert.DoesNotContain("PRIVATE KEY", fixture.Log.Text);
        caKey.Dispose();
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused_with_the_fix_and_nothing_changes()
    {
        var host = $"wrong.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
        using var ca = CreateCa(out var caKey);
        var (chainPem, keyPem) = Issue(ca, "someone-else.tls.test");
        await fixture.Admin.DeclareAsync(host, "files");

        using var put = await fixture.Admin.PutAsJsonAsync($"/hosts/{host}/certificate", new { certificatePem = chainPem, keyPem });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains($"include {host}", await put.Content.ReadAsStringAsync());
        Assert.False((await fixture.Admin.CertificateAsync(host))["present"]!.GetValue<bool>());
        caKey.Dispose();
    }

    private static X509Certificate2 CreateCa(out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Example Corp CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static (string ChainPem, string KeyPem) Issue(X509Certificate2 ca, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        // The self-signed CA certificate carries its key already (caKey is the same key, kept to be disposed).
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return (leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
