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
    public void History_notes_only_certificates_this_deploy_issued()
    {
        var kept = new CertificateStatusView("a.example.org", true, true, "Pebble", null, Expiry, null, [], "1");
        var issued = kept with { Host = "b.example.org", Issued = true };

        Assert.Null(HostDeclarationStep.HistoryNote([kept]));
        Assert.Equal("certificate issued: b.example.org by Pebble until 2027-03-01 12:00 UTC", HostDeclarationStep.HistoryNote([kept, issued]));
        Assert.Equal("Certificate in place for a.example.org: Pebble, valid until 2027-03-01 12:00 UTC", HostDeclarationStep.Describe(DnsName.Parse("a.example.org"), kept));
    }
}
