using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>The host-wide edge's lines in <c>Status</c>: each of the environment's host names, where it routes, its certificate's issuer and expiry.</summary>
public static class HostEdgeStatus
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(HostWideEdge edge, EnvironmentHttps https, CancellationToken cancellationToken)
    {
        try
        {
            var view = await edge.ReadAsync(cancellationToken);
            return Describe(view, https);
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or Drydock.Engine.Tooling.ToolFailedException or InvalidOperationException)
        {
            return [$"host     {edge.Name} does not answer: {e.Message}"];
        }
    }

    /// <summary>Pure, for tests.</summary>
    public static IReadOnlyList<string> Describe(HostEdgeView view, EnvironmentHttps https)
    {
        if (view.Container is null)
            return [$"host     {view.Name} does not exist yet (the next Deploy creates it)"];
        if (!view.Container.Running)
            return [$"host     {view.Name} is {view.Container.Status} (the next Deploy or Rollback starts it)"];
        return [.. https.HostNames.Select(host => view.Route(host.Value) is { } route ? Line(route) : $"host     {host.Value} is not declared yet (the next Deploy declares it)")];
    }

    private static string Line(HostView route)
    {
        var target = route.Active is { } active ? $"-> {active.Upstream} ({active.Version}), generation {route.Generation}" : "no route yet (503)";
        return $"host     {route.Host} {target}; tls {route.Tls}" + Certificate(route.Certificate);
    }

    private static string Certificate(CertificateStatusView? certificate) => certificate switch
    {
        null => "",
        { Present: false } => ", no certificate yet",
        _ => $", certificate by {certificate.Issuer} until {certificate.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(certificate.Valid ? "" : " (NOT VALID)")}, renewal from {certificate.RenewAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
    };
}
