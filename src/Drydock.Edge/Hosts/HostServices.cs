using Drydock.Edge.Routing;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Hosts;

/// <summary>What the admin API needs for host services; <see cref="Certificates"/> and <see cref="Renewal"/> are null without an HTTPS listener.</summary>
public sealed record HostServices(Router Router, CertificateService? Certificates, RenewalLoop? Renewal);
