using Drydock.Edge.Contract;
using Drydock.Edge.Hosts;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Admin;

/// <summary>
/// The edge's <c>GET /health</c>: "ok", or "degraded" with the problems when an ACME host's certificate expires within
/// <see cref="ExpiryWarning"/> and its last renewal did not succeed. Still 200 either way: the image's HEALTHCHECK reads
/// the status code, and restarting the edge (Swarm replaces an unhealthy task) would drop traffic without fixing a CA.
/// </summary>
public static class EdgeHealth
{
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(7);

    public static EdgeHealthView View(RouteTable routes, HostServices hosts, DateTimeOffset now) => With(RouteViews.Health(routes), Problems(hosts, now));

    /// <summary>Pure: "degraded" with the problems when there are any, else the view as it is.</summary>
    public static EdgeHealthView With(EdgeHealthView health, IReadOnlyList<string> problems) =>
        problems.Count == 0 ? health : health with { Status = "degraded", Problems = problems };

    public static IReadOnlyList<string> Problems(HostServices hosts, DateTimeOffset now) =>
        [.. hosts.Router.Hosts.Where(h => h.Tls == TlsMode.Acme).Select(h => h.Key.Host!).Distinct()
            .Select(host => hosts.CertificateStatus(host) is { } status ? CertificateProblem(status, now) : null)
            .OfType<string>()];

    /// <summary>Pure: why this certificate degrades the edge, or null. One renewed since is not a problem, nor is one far from expiry.</summary>
    public static string? CertificateProblem(CertificateStatusView status, DateTimeOffset now)
    {
        if (!status.Present || status.NotAfter is not { } notAfter || notAfter - now > ExpiryWarning || status.LastRenewal is { Succeeded: true })
            return null;
        var expiry = notAfter <= now ? $"expired {notAfter.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : $"expires {notAfter.UtcDateTime:yyyy-MM-dd HH:mm} UTC (in {RenewalText.Ago(notAfter - now)})";
        var renewal = status.LastRenewal is { } last
            ? $"the last renewal failed ({last.Problem}); last success {(last.LastSucceededAt is { } ok ? RenewalText.Ago(now - ok) + " ago" : "never since the edge started")}"
            : "no renewal has succeeded since the edge started";
        return $"certificate for {status.Host} {expiry}: {renewal}";
    }
}
