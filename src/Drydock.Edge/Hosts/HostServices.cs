using Drydock.Edge.Tls;

namespace Drydock.Edge.Hosts;

/// <summary>What the admin API needs for host routes; <see cref="Certificates"/> and <see cref="Renewal"/> are null without an HTTPS listener.</summary>
public sealed record HostServices(HostRoutes Hosts, CertificateService? Certificates, RenewalLoop? Renewal);
