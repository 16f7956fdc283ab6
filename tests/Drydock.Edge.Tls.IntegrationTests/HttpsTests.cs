using System.Net;
using System.Security.Cryptography.X509Certificates;
using Drydock.Edge.Tests;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>Two host names on one HTTPS port with certificates from pebble, the redirect, the challenge path, a failed issuance.</summary>
[Collection(EdgeTlsCollection.Name)]
public sealed class HttpsTests(EdgeTlsFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private TestUpstream _notes = null!;
    private TestUpstream _api = null!;

    public async Task InitializeAsync()
    {
        _notes = await TestUpstream.StartAsync("notes");
        _api = await TestUpstream.StartAsync("api");
    }

    public async Task DisposeAsync()
    {
        await _notes.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Two_hosts_get_certificates_from_pebble_and_answer_over_one_https_port_each_with_its_own()
    {
        var (notes, api) = (Name("notes"), Name("api"));
        await DeclareRoutedAsync(notes, _notes);
        await DeclareRoutedAsync(api, _api);

        var (status, issued) = await fixture.Admin.IssueAsync(notes);
        Assert.True(status == 200, $"{issued}\n{fixture.Logs}");
        Assert.True((await fixture.Admin.IssueAsync(api)).Status == 200, fixture.Logs);
        output.WriteLine($"certificate status: {issued}");
        Assert.True(issued["valid"]!.GetValue<bool>());
        Assert.Contains("Pebble", issued["issuer"]!.ToString());
        Assert.Equal(notes, issued["names"]![0]!.ToString());

        var seen = new List<X509Certificate2>();
        using var client = fixture.Client(seen);
        foreach (var (host, upstream) in new[] { (notes, "notes"), (api, "api") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{host}:{fixture.HttpsPort}/hello?x=1") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(upstream, await response.Content.ReadAsStringAsync());
            Assert.Equal(host, seen[^1].GetNameInfo(X509NameType.DnsName, forIssuer: false));
        }
        var forwarded = _notes.Requests.Last(r => r.PathAndQuery == "/hello?x=1").Headers;
        Assert.Equal("https", forwarded["X-Forwarded-Proto"]);
        Assert.Equal($"{notes}:{fixture.HttpsPort}", forwarded["X-Forwarded-Host"]);
        Assert.Equal("127.0.0.1", forwarded["X-Forwarded-For"]);
        Assert.DoesNotContain("PRIVATE KEY", fixture.Log.Text);
    }

    [Fact]
    public async Task Plain_http_redirects_to_https_but_the_challenge_path_is_answered_over_http()
    {
        var notes = Name("redirect");
        await DeclareRoutedAsync(notes, _notes);
        using var client = fixture.Client();

        using var redirected = await client.GetAsync($"http://{notes}:{fixture.HttpPort}/notes/1?full=true");
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal($"https://{notes}:{fixture.HttpsPort}/notes/1?full=true", redirected.Headers.Location?.ToString());

        using var challenge = await client.GetAsync($"http://{notes}:{fixture.HttpPort}/.well-known/acme-challenge/NoSuchToken_123");
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        Assert.Null(challenge.Headers.Location);
        Assert.DoesNotContain(_notes.Requests, r => r.PathAndQuery.StartsWith("/.well-known", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_without_tls_is_served_over_http_and_not_redirected()
    {
        var plain = Name("plain");
        await fixture.Admin.DeclareAsync(plain, "off");
        await fixture.Admin.SwitchAsync(plain, _api.Address, "1.0.0");
        using var client = fixture.Client();

        using var response = await client.GetAsync($"http://{plain}:{fixture.HttpPort}/x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("api", await response.Content.ReadAsStringAsync());
        Assert.Equal("http", _api.Requests.Last().Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_fails_issuance_naming_dns_and_the_host_keeps_no_certificate()
    {
        var broken = Name("nodns");
        await fixture.FailDnsAsync(broken);
        await DeclareRoutedAsync(broken, _notes);

        var (status, problem) = await fixture.Admin.IssueAsync(broken);

        output.WriteLine(problem.ToString());
        Assert.Equal(502, status);
        Assert.Equal("dns", problem["cause"]!.ToString());
        Assert.Contains(broken, problem["detail"]!.ToString());
        Assert.Contains("DNS", problem["detail"]!.ToString());
        Assert.False((await fixture.Admin.CertificateAsync(broken))["present"]!.GetValue<bool>());
    }

    private async Task DeclareRoutedAsync(string host, TestUpstream upstream)
    {
        await fixture.Admin.DeclareAsync(host, "acme");
        await fixture.Admin.SwitchAsync(host, upstream.Address, "1.0.0");
    }

    /// <summary>A name unique to this run (pebble keeps orders for the fixture's lifetime).</summary>
    private static string Name(string label) => $"{label}.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
}
