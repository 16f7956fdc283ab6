using Drydock.Edge.Admin;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>The edge reports degraded (still serving, still 200) when an ACME certificate nears expiry without a successful renewal.</summary>
public sealed class EdgeHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static CertificateStatusView Certificate(TimeSpan left, RenewalAttemptView? last) =>
        new("notes.example.org", true, left > TimeSpan.Zero, "Pebble", Now - TimeSpan.FromDays(85), Now + left, Now - TimeSpan.FromDays(25), ["notes.example.org"], "ab", LastRenewal: last);

    private static readonly RenewalAttemptView Failed = new(Now.AddHours(-1), false, "connection: the CA did not answer", Now.AddDays(-25));

    [Fact]
    public void A_certificate_within_seven_days_whose_last_renewal_failed_is_a_problem_naming_host_expiry_and_cause()
    {
        Assert.Equal("certificate for notes.example.org expires 2026-12-09 12:00 UTC (in 5d): the last renewal failed (connection: the CA did not answer); last success 25d ago",
            EdgeHealth.CertificateProblem(Certificate(TimeSpan.FromDays(5), Failed), Now));
        Assert.Equal("certificate for notes.example.org expires 2026-12-09 12:00 UTC (in 5d): no renewal has succeeded since the edge started",
            EdgeHealth.CertificateProblem(Certificate(TimeSpan.FromDays(5), null), Now));
        Assert.StartsWith("certificate for notes.example.org expired 2026-12-03 12:00 UTC: the last renewal failed",
            EdgeHealth.CertificateProblem(Certificate(TimeSpan.FromDays(-1), Failed), Now));
    }

    [Fact]
    public void A_certificate_far_from_expiry_or_just_renewed_or_absent_is_not_a_problem()
    {
        Assert.Null(EdgeHealth.CertificateProblem(Certificate(TimeSpan.FromDays(8), Failed), Now));
        Assert.Null(EdgeHealth.CertificateProblem(Certificate(TimeSpan.FromDays(5), Failed with { Succeeded = true, Problem = null }), Now));
        Assert.Null(EdgeHealth.CertificateProblem(CertificateStatusView.None("notes.example.org"), Now));
    }

    [Fact]
    public void Problems_make_the_health_degraded_and_none_keep_it_ok()
    {
        var ok = new EdgeHealthView("ok", "1.0.0", true, null);

        Assert.Same(ok, EdgeHealth.With(ok, []));
        var degraded = EdgeHealth.With(ok, ["certificate for notes.example.org expires soon"]);
        Assert.Equal(("degraded", true), (degraded.Status, degraded.Routed));
        Assert.Equal(["certificate for notes.example.org expires soon"], degraded.Problems);
    }
}
