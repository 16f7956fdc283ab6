using Drydock.Acme;
using Drydock.Edge.Contract;
using Drydock.Edge.Routing;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Hosts;

/// <summary>What the admin API needs for host services; <see cref="Certificates"/> and <see cref="Renewal"/> are null without an HTTPS listener.</summary>
public sealed record HostServices(Router Router, CertificateService? Certificates, RenewalLoop? Renewal)
{
    /// <summary>The certificate served for <paramref name="host"/> with the background renewal's last check; null without HTTPS.</summary>
    public CertificateStatusView? CertificateStatus(DnsName host) =>
        Certificates?.Status(host) is { } status ? status with { LastRenewal = Renewal?.LastAttempt(host) } : null;
}
