using System.Text.Json;
using Drydock.Edge.Contract;
using Drydock.Edge.Metrics;
using Drydock.Edge.Hosts;
using Drydock.Edge.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Edge.Admin;

/// <summary>
/// The admin listener's API: <c>GET /health</c>, <c>GET /routes</c>, <c>PUT /routes</c>, <c>GET /metrics</c> (JSON and
/// Prometheus), <c>POST /upstreams/health</c>, the candidate and the canary. Mapped on the admin application only (its loopback port and its unix
/// socket); the public application has no endpoints at all, just the forwarder.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(AdminPaths.Health, (RouteTable routes, HostServices hosts, TimeProvider time) => TypedResults.Json(EdgeHealth.View(routes, hosts, time.GetUtcNow()), EdgeJson.Options));
        app.MapGet(AdminPaths.Routes, (RouteTable routes) => TypedResults.Json(RouteViews.Table(routes), EdgeJson.Options));
        app.MapPut(AdminPaths.Routes, PutRoutesAsync);
        app.MapGet(AdminPaths.Metrics, (RouteTable routes, TimeProvider time) => TypedResults.Json(MetricsViews.Read(routes, time), EdgeJson.Options));
        app.MapGet(AdminPaths.PrometheusMetrics, (RouteTable routes, TimeProvider time) =>
            TypedResults.Text(PrometheusText.Render(MetricsViews.Read(routes, time)), PrometheusText.ContentType));
        app.MapPost(AdminPaths.UpstreamHealth, HealthCheckEndpoint.CheckAsync);
        app.MapCandidateEndpoints();
        app.MapCanaryEndpoints();
        return app;
    }

    private static async Task<IResult> PutRoutesAsync(HttpContext context, RouteSwitcher switcher, ILogger<RouteSwitcher> log, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the route as application/json.");

        RouteChange? change;
        try
        {
            change = await JsonSerializer.DeserializeAsync<RouteChange>(context.Request.Body, EdgeJson.Strict, cancellationToken);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not a route", $"Not the JSON of a route: {e.Message}");
        }

        var problems = RouteChangeValidator.Validate(change, out var valid);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The route is invalid; nothing was changed.");

        return await SwitchAnswer.SwitchAsync(switcher, valid!, "The route table changed meanwhile; nothing was changed.", log, cancellationToken);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
}
