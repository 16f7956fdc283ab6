namespace Drydock.Acme.Tests;

public class RenewalPolicyTests
{
    private static readonly DateTimeOffset Issued = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName A = DnsName.Parse("a.example.org");
    private static readonly DnsName B = DnsName.Parse("b.example.org");

    private static CertificateFacts Certificate(TimeSpan lifetime, params DnsName[] names) =>
        new(names, Issued, Issued + lifetime, "CN=Test CA", "AB");

    [Theory]
    [InlineData(90, 30)] // Let's Encrypt today: a third is 30 days
    [InlineData(1826, 30)] // 5 years (pebble's default): capped at 30 days
    [InlineData(6, 2)] // short-lived: a third, or every deploy would re-issue it
    [InlineData(45, 15)]
    public void The_window_is_a_third_of_the_lifetime_at_most_30_days(int lifetimeDays, int windowDays) =>
        Assert.Equal(TimeSpan.FromDays(windowDays), RenewalPolicy.RenewalWindow(Certificate(TimeSpan.FromDays(lifetimeDays), A)));

    [Fact]
    public void An_unexpired_covering_certificate_is_kept_until_its_window()
    {
        var certificate = Certificate(TimeSpan.FromDays(90), A, B);

        var decision = RenewalPolicy.Decide([A], certificate, Issued.AddDays(59));

        Assert.False(decision.Issue);
        Assert.Equal(Issued.AddDays(60), decision.RenewAt);
    }

    [Theory]
    [InlineData(60, RenewalReason.Expiring)]
    [InlineData(89.9, RenewalReason.Expiring)]
    [InlineData(90, RenewalReason.Expired)]
    [InlineData(-1, RenewalReason.NotYetValid)]
    public void Inside_the_window_expired_or_not_yet_valid_it_is_issued_again(double day, RenewalReason reason)
    {
        var decision = RenewalPolicy.Decide([A], Certificate(TimeSpan.FromDays(90), A), Issued.AddDays(day));

        Assert.True(decision.Issue);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void A_new_host_or_no_certificate_means_issuing()
    {
        Assert.Equal(RenewalReason.NamesChanged, RenewalPolicy.Decide([A, B], Certificate(TimeSpan.FromDays(90), A), Issued.AddDays(1)).Reason);
        Assert.Equal(RenewalReason.Missing, RenewalPolicy.Decide([A], null, Issued).Reason);
    }
}
