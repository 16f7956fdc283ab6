namespace Drydock.Acme.Tests;

public class CertificatePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static StoredCertificate Stored(string id, int daysLeft, params string[] names) =>
        new(id, new CertificateFacts(names.Select(DnsName.Parse).ToArray(), Now.AddDays(daysLeft - 90), Now.AddDays(daysLeft), "CN=CA", id));

    [Fact]
    public void Each_site_with_hosts_needs_one_certificate_named_by_its_first_host()
    {
        var plan = CertificatePlan.Decide(
            [new SiteHosts("notes/production", ["Notes.Example.org", "www.notes.example.org", "notes.example.org."]), new SiteHosts("api/staging", []), new SiteHosts("api/production", ["api.example.org"])],
            [Stored("notes.example.org", 60, "notes.example.org", "www.notes.example.org")],
            Now);

        Assert.Collection(plan,
            notes =>
            {
                Assert.Equal("notes.example.org", notes.Id);
                Assert.Equal(["notes.example.org", "www.notes.example.org"], notes.Names.Select(n => n.Value));
                Assert.False(notes.Decision.Issue);
            },
            api =>
            {
                Assert.Equal("api/production", api.Site);
                Assert.Equal(RenewalReason.Missing, api.Decision.Reason);
            });
    }

    [Fact]
    public void A_stored_certificate_inside_its_window_is_renewed_and_one_missing_a_new_host_reissued()
    {
        var plan = CertificatePlan.Decide(
            [new SiteHosts("a", ["a.example.org"]), new SiteHosts("b", ["b.example.org", "new.b.example.org"])],
            [Stored("a.example.org", 20, "a.example.org"), Stored("b.example.org", 80, "b.example.org")],
            Now);

        Assert.Equal([RenewalReason.Expiring, RenewalReason.NamesChanged], plan.Select(n => n.Decision.Reason!.Value));
    }

    [Fact]
    public void Bad_names_and_a_host_claimed_twice_fail_the_whole_plan_naming_each()
    {
        var error = Assert.Throws<ArgumentException>(() => CertificatePlan.Decide(
            [new SiteHosts("a", ["*.example.org"]), new SiteHosts("b", ["shared.example.org"]), new SiteHosts("c", ["shared.example.org"])],
            [],
            Now));

        Assert.Contains("a: '*.example.org' is a wildcard", error.Message);
        Assert.Contains("c: the host shared.example.org is already used by b", error.Message);
    }
}
