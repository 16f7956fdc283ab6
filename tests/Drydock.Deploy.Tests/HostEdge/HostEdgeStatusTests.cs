using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>Status lines for host names and the history's note of certificate issuance, from what the edge answered.</summary>
public sealed class HostEdgeStatusTests
{
    private static readonly DateTimeOffset Expiry = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_host_shows_its_route_and_certificate_issuer_and_expiry()
    {
        var certificate = new CertificateStatusView("notes.example.org", true, true, "CN=Pebble Intermediate CA", Expiry.AddDays(-90), Expiry, Expiry.AddDays(-30), ["notes.example.org"], "ab");
        var edge = new ContainerState("e", "drydock-edge-host", "sha256:e", "drydock/edge:1", new Dictionary<string, string>()) { Running = true };
        var view = new HostEdgeView("drydock-edge-host", edge,
            [new HostView("notes.example.org", "/", "acme", 4, new ActiveRouteView("http://notes-prod-2.0.0-abc:8080", "2.0.0", DateTimeOffset.UnixEpoch), certificate)]);

        var lines = HostEdgeStatus.Describe(view, new EnvironmentHttps { Hosts = ["notes.example.org", "www.example.org"] });

        Assert.Equal(
            ["host     notes.example.org -> http://notes-prod-2.0.0-abc:8080 (2.0.0), generation 4; tls acme, certificate by CN=Pebble Intermediate CA until 2027-03-01 12:00 UTC, renewal from 2027-01-30 12:00 UTC",
             "host     www.example.org is not declared yet (the next Deploy declares it)"],
            lines);
    }

    [Fact]
    public void No_edge_says_the_next_deploy_creates_it()
    {
        Assert.Equal(["host     drydock-edge-host does not exist yet (the next Deploy creates it)"],
            HostEdgeStatus.Describe(HostEdgeView.None("drydock-edge-host"), new EnvironmentHttps { Hosts = ["a.example.org"] }));
    }

    [Fact]
    public void History_notes_the_certificates_issued_or_renewed_since_the_deploy_read_the_edge()
    {
        var kept = new CertificateStatusView("a.example.org", true, true, "Pebble", null, Expiry, null, [], "1");
        var renewed = kept with { Host = "b.example.org", Thumbprint = "3" };
        var issued = kept with { Host = "c.example.org", Thumbprint = "4" };
        HostView Declared(string host, CertificateStatusView? certificate) => new(host, "/", "acme", 1, null, certificate);
        var before = new HostEdgeView("drydock-edge-host", null,
            [Declared("a.example.org", kept), Declared("b.example.org", kept with { Host = "b.example.org", Thumbprint = "2" }), Declared("c.example.org", CertificateStatusView.None("c.example.org"))]);

        Assert.Null(HostDeclarationStep.HistoryNote(before, [kept]));
        Assert.Equal("certificate renewed: b.example.org by Pebble until 2027-03-01 12:00 UTC; certificate issued: c.example.org by Pebble until 2027-03-01 12:00 UTC",
            HostDeclarationStep.HistoryNote(before, [kept, renewed, issued]));
        Assert.Equal("certificate issued: a.example.org by Pebble until 2027-03-01 12:00 UTC", HostDeclarationStep.HistoryNote(HostEdgeView.None("e"), [kept]));
        Assert.Equal("Certificate in place for a.example.org: Pebble, valid until 2027-03-01 12:00 UTC", HostDeclarationStep.Describe(DnsName.Parse("a.example.org"), kept, null));
    }

    [Fact]
    public void The_endpoint_is_the_first_host_on_https_or_on_http_when_tls_is_off()
    {
        var https = new EnvironmentHttps { Hosts = ["notes.example.org"] };

        Assert.Equal("https://notes.example.org/", HostEdgeStrategy.Endpoint(https).ToString());
        Assert.Equal("https://notes.example.org:8443/", HostEdgeStrategy.Endpoint(https with { HttpsPort = 8443 }).ToString());
        Assert.Equal("http://notes.example.org/", HostEdgeStrategy.Endpoint(https with { Tls = HostTlsMode.Off }).ToString());
    }
}
