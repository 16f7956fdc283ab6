using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Drydock.Edge.Contract;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Tests;

/// <summary><c>PUT /hosts/{host}/certificate</c> takes a real-sized chain, and names the limit when a body is too large.</summary>
public sealed class CertificateUploadTests : IAsyncLifetime
{
    private const string Host = "big.example.org";

    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeUnderTest.StartAsync(_state.Path, o => o with { Https = new HttpsOptions { Port = 0 } });
        await _edge.Admin.DeclareAsync(Host, "files");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_certificate_upload_larger_than_16_KiB_is_accepted()
    {
        var (certificatePem, keyPem) = CertificateWithManyNames(Host, extraNames: 1200);
        Assert.True(certificatePem.Length > 32 * 1024, $"the certificate is only {certificatePem.Length} bytes");

        var status = await _edge.Admin.UseFilesAsync(Host, new CertificateFilesChange(certificatePem, keyPem));

        Assert.True(status.Present);
        Assert.True(status.Valid);
    }

    [Fact]
    public async Task An_oversize_admin_body_is_a_413_naming_the_limit()
    {
        using var http = new HttpClient { BaseAddress = _edge.Server.AdminAddress };
        var body = JsonContent.Create(new CertificateFilesChange(new string('A', 300 * 1024), "key"), options: EdgeJson.Options);
        await body.LoadIntoBufferAsync();

        using var response = await http.PutAsync($"/hosts/{Host}/certificate", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("256 KiB", text);
        Assert.False((await _edge.Admin.CertificateAsync(Host)).Present);
    }

    private static (string Certificate, string Key) CertificateWithManyNames(string host, int extraNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        for (var i = 0; i < extraNames; i++)
            san.AddDnsName($"tenant-{i:D4}.{host}");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
