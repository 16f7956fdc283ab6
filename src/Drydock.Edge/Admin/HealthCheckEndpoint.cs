using System.Text.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Admin;

/// <summary>
/// <c>POST /upstreams/health</c>: the edge's own check of a candidate (<see cref="UpstreamHealthCheck"/>), without a
/// switch, so a deploy can wait for a new release from inside the host. Bad input is a 400 naming the member.
/// </summary>
public static class HealthCheckEndpoint
{
    public static async Task<IResult> CheckAsync(HttpContext context, UpstreamHealthCheck health, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the check as application/json.");
        UpstreamHealthRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<UpstreamHealthRequest>(context.Request.Body, EdgeJson.Strict, cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a health check", detail: $"Not the JSON of a health check: {e.Message}");
        }

        var problems = Validate(request, out var upstream);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The health check is invalid.");
        var (healthy, answer) = await health.CheckAsync(upstream!, request!.Path, cancellationToken);
        return TypedResults.Json(new UpstreamHealthView(upstream!.GetLeftPart(UriPartial.Authority), request.Path, healthy, answer), EdgeJson.Options);
    }

    public static Dictionary<string, string[]> Validate(UpstreamHealthRequest? request, out Uri? upstream)
    {
        upstream = null;
        var problems = new Dictionary<string, string[]>();
        if (request is null)
        {
            problems[""] = ["The body must be a JSON object with 'upstream' and 'path'."];
            return problems;
        }
        if (RouteChangeValidator.UpstreamProblem(request.Upstream, out upstream) is { } address)
            problems["upstream"] = [address];
        if (string.IsNullOrEmpty(request.Path))
            problems["path"] = ["Required: the health path, e.g. /health/ready."];
        else if (RouteChangeValidator.HealthPathProblem(request.Path) is { } path)
            problems["path"] = [path];
        return problems;
    }
}
