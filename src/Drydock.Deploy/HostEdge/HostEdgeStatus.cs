using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// The host-wide edge's lines in <c>Status</c>: each of the environment's host names, where it routes, its certificate's
/// issuer and expiry, and the background renewal's last check (a failure with its cause and the last success).
/// </summary>
public static class HostEdgeStatus
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(HostWideEdge edge, EnvironmentHttps https, CancellationToken cancellationToken)
    {
        try
        {
            var view = await edge.ReadAsync(cancellationToken);
            var lines = Describe(view, https, DateTimeOffset.UtcNow);
            return view.Container is { Running: true } ? [.. lines, .. await DegradedAsync(edge, cancellationToken)] : lines;
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or Drydock.Engine.Tooling.ToolFailedException or InvalidOperationException)
        {
            return [$"host     {edge.Name} does not answer: {e.Message}"];
        }
    }

    /// <summary>The shared edge's health problems (any environment's hosts: they share its renewal); none when it cannot say.</summary>
    private static async Task<IEnumerable<string>> DegradedAsync(HostWideEdge edge, CancellationToken cancellationToken)
    {
        try
        {
            using var admin = edge.Admin();
            return EdgeStatus.Degraded(await admin.GetHealthAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or System.Text.Json.JsonException or Drydock.Engine.Tooling.ToolFailedException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>Pure, for tests.</summary>
    public static IReadOnlyList<string> Describe(HostEdgeView view, EnvironmentHttps https, DateTimeOffset now)
    {
        if (view.Container is null)
            return [$"host     {view.Name} does not exist yet (the next Deploy creates it)"];
        if (!view.Container.Running)
            return [$"host     {view.Name} is {view.Container.Status} (the next Deploy or Rollback starts it)"];
        return [.. https.HostNames.Select(host => view.Route(host.Value) is { } route ? Line(route, now) : $"host     {host.Value} is not declared yet (the next Deploy declares it)")];
    }

    private static string Line(HostView route, DateTimeOffset now)
    {
        var target = route.Active is { } active ? $"-> {active.Upstream} ({active.Version}), generation {route.Generation}" : "no route yet (503)";
        return $"host     {route.Host} {target}; tls {route.Tls}" + Certificate(route.Certificate)
            + (route.Certificate?.LastRenewal is { } renewal ? "; " + RenewalText.Describe(renewal, now) : "");
    }

    private static string Certificate(CertificateStatusView? certificate) => certificate switch
    {
        null => "",
        { Present: false } => ", no certificate yet",
        _ => $", certificate by {certificate.Issuer} until {certificate.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(certificate.Valid ? "" : " (NOT VALID)")}, renewal from {certificate.RenewAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
    };
}
