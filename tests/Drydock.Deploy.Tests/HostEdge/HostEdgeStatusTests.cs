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

        var lines = HostEdgeStatus.Describe(view, new EnvironmentHttps { Hosts = ["notes.example.org", "www.example.org"] }, Expiry);

        Assert.Equal(
            ["host     notes.example.org -> http://notes-prod-2.0.0-abc:8080 (2.0.0), generation 4; tls acme, certificate by CN=Pebble Intermediate CA until 2027-03-01 12:00 UTC, renewal from 2027-01-30 12:00 UTC",
             "host     www.example.org is not declared yet (the next Deploy declares it)"],
            lines);
    }

    [Fact]
    public void No_edge_says_the_next_deploy_creates_it()
    {
        Assert.Equal(["host     drydock-edge-host does not exist yet (the next Deploy creates it)"],
            HostEdgeStatus.Describe(HostEdgeView.None("drydock-edge-host"), new EnvironmentHttps { Hosts = ["a.example.org"] }, Expiry));
    }

    [Fact]
    public void A_host_shows_its_last_renewal_failure_with_the_cause_and_the_last_success()
    {
        var now = Expiry.AddDays(-20);
        var failed = new RenewalAttemptView(now.AddHours(-2), false, "connection: the CA did not answer", now.AddDays(-3));
        var certificate = new CertificateStatusView("notes.example.org", true, true, "Pebble", Expiry.AddDays(-90), Expiry, Expiry.AddDays(-30), [], "ab", LastRenewal: failed);
        var edge = new ContainerState("e", "drydock-edge-host", "sha256:e", "drydock/edge:1", new Dictionary<string, string>()) { Running = true };
        HostEdgeView View(CertificateStatusView c) => new("drydock-edge-host", edge, [new HostView("notes.example.org", "/", "acme", 1, null, c)]);
        var https = new EnvironmentHttps { Hosts = ["notes.example.org"] };

        var line = Assert.Single(HostEdgeStatus.Describe(View(certificate), https, now));
        var ok = Assert.Single(HostEdgeStatus.Describe(View(certificate with { LastRenewal = new RenewalAttemptView(now.AddMinutes(-5), true, null, now.AddMinutes(-5)) }), https, now));
        var never = Assert.Single(HostEdgeStatus.Describe(View(certificate with { LastRenewal = failed with { LastSucceededAt = null } }), https, now));

        Assert.EndsWith("; renewal: failed 2h ago (connection: the CA did not answer), last success 3d ago", line);
        Assert.EndsWith("; renewal: checked 5m ago, ok", ok);
        Assert.EndsWith("; renewal: failed 2h ago (connection: the CA did not answer), no success since the edge started", never);
    }

    [Fact]
    public void A_degraded_edge_lists_its_problems_under_its_line()
    {
        var health = new EdgeHealthView("degraded", "1.0.0", true, null, ["certificate for notes.example.org expires 2027-03-01 12:00 UTC (in 5d): no renewal has succeeded since the edge started"]);

        var lines = EdgeStatus.Describe("drydock-edge-notes-prod", "80", health, new RouteTableView(1, null, []));

        Assert.Equal("edge     drydock-edge-notes-prod (degraded, edge 1.0.0) on port 80", lines[0]);
        Assert.Equal("degraded certificate for notes.example.org expires 2027-03-01 12:00 UTC (in 5d): no renewal has succeeded since the edge started", lines[1]);
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
