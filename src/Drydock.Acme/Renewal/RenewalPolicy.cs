namespace Drydock.Acme;

public enum RenewalReason
{
    /// <summary>No certificate is stored for these names.</summary>
    Missing,

    /// <summary>The stored certificate does not cover every wanted name (a host was added).</summary>
    NamesChanged,

    Expired,

    /// <summary>Its validity has not begun (a clock problem, or a certificate from elsewhere): do not serve it.</summary>
    NotYetValid,

    /// <summary>The renewal window has begun.</summary>
    Expiring,
}

/// <summary>Keep the stored certificate (until <paramref name="RenewAt"/>), or issue one and why.</summary>
public sealed record RenewalDecision(bool Issue, RenewalReason? Reason, DateTimeOffset? RenewAt)
{
    public static RenewalDecision Keep(DateTimeOffset renewAt) => new(false, null, renewAt);

    public static RenewalDecision Because(RenewalReason reason) => new(true, reason, null);
}

/// <summary>
/// When a certificate is renewed: once less than a third of its lifetime remains, capped at 30 days before expiry
/// (a 90-day certificate renews with 30 days left; a 5-year one with 30 days left; a 6-day short-lived one with 2).
/// Taking the smaller of the two keeps short-lived certificates from being re-issued on every deploy, which a
/// plain "or 30 days" would do. A stored certificate that covers the names and is inside its window is kept, so
/// deploys never spend the CA's rate limit.
/// </summary>
public static class RenewalPolicy
{
    public static readonly TimeSpan MaxRenewalWindow = TimeSpan.FromDays(30);

    public static TimeSpan RenewalWindow(CertificateFacts certificate)
    {
        var third = certificate.Lifetime / 3;
        return third < MaxRenewalWindow ? third : MaxRenewalWindow;
    }

    public static RenewalDecision Decide(IReadOnlyCollection<DnsName> wanted, CertificateFacts? stored, DateTimeOffset now)
    {
        if (stored is null)
            return RenewalDecision.Because(RenewalReason.Missing);
        if (!stored.Covers(wanted))
            return RenewalDecision.Because(RenewalReason.NamesChanged);
        if (now >= stored.NotAfter)
            return RenewalDecision.Because(RenewalReason.Expired);
        if (now < stored.NotBefore)
            return RenewalDecision.Because(RenewalReason.NotYetValid);
        var renewAt = stored.NotAfter - RenewalWindow(stored);
        return now >= renewAt ? RenewalDecision.Because(RenewalReason.Expiring) : RenewalDecision.Keep(renewAt);
    }
}
