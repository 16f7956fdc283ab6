using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>The edge's lines in <c>Status</c>: its container and health, the public port, the active route and its generation, a canary beside it.</summary>
public static class EdgeStatus
{
    /// <param name="container">The edge container from the environment's listing; null when it has none.</param>
    public static async Task<IReadOnlyList<string>> DescribeAsync(EnvironmentEdge edges, ContainerState? container, CancellationToken cancellationToken)
    {
        if (container is null)
            return [];
        var name = new ContainerName(container.Name);
        var port = container.Labels.GetValueOrDefault(EdgeLabels.PublicPort) ?? "?";
        if (!container.Running)
            return [$"edge     {name} is {container.Status} (port {port} unanswered; the next Deploy or Rollback starts it)"];
        try
        {
            using var admin = edges.Client(container);
            var health = await admin.GetHealthAsync(cancellationToken);
            var routes = await admin.GetRoutesAsync(cancellationToken);
            return [.. Describe(name, port, health, routes), .. await TrafficAsync(admin, cancellationToken)];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or EdgeAdminException or Drydock.Engine.Tooling.ToolFailedException or InvalidOperationException)
        {
            return [$"edge     {name} runs but its admin API does not answer: {e.Message}"];
        }
    }

    /// <summary>The live numbers per release; nothing when the edge cannot say (an edge from before metrics).</summary>
    private static async Task<IReadOnlyList<string>> TrafficAsync(EdgeAdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            return TrafficStatus.Lines(await admin.GetMetricsAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>What makes the edge report "degraded" (a certificate near expiry whose renewal fails), a line each.</summary>
    public static IEnumerable<string> Degraded(EdgeHealthView health) => (health.Problems ?? []).Select(problem => $"degraded {problem}");

    /// <summary>Pure, for tests.</summary>
    public static IReadOnlyList<string> Describe(string container, string port, EdgeHealthView health, RouteTableView routes)
    {
        var lines = new List<string> { $"edge     {container} ({health.Status}, edge {health.EdgeVersion}) on port {port}" };
        lines.AddRange(Degraded(health));
        lines.Add(routes.Active is { } active
            ? $"route    -> {active.Upstream} ({active.Version}) since {active.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, generation {routes.Generation}"
            : "route    none yet (the edge answers 503)");
        if (routes.Canary is { } canary)
            lines.Add($"canary   -> {canary.Upstream} ({canary.Version}) gets {canary.Share} of requests (a deploy's canary window; ./build.sh Promote or Rollback ends it)");
        foreach (var upstream in routes.Upstreams.Where(u => !u.Active && u.Upstream != routes.Canary?.Upstream))
            lines.Add($"retired  {upstream.Upstream}: {upstream.InFlight} in flight, {upstream.Served} served, {upstream.Failed} failed");
        return lines;
    }
}
