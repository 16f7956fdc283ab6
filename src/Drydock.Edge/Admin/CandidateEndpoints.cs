using System.Text.Json;
using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Admin;

/// <summary><c>PUT /candidate</c> pins requests with the candidate header to a release before the switch; <c>DELETE /candidate</c> ends it.</summary>
public static class CandidateEndpoints
{
    public static IEndpointRouteBuilder MapCandidateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut(AdminPaths.Candidate, PutAsync);
        app.MapDelete(AdminPaths.Candidate, (RouteTable routes) => routes.ClearCandidate() ? Results.NoContent() : Results.NotFound());
        return app;
    }

    private static async Task<IResult> PutAsync(HttpContext context, RouteTable routes, ILogger<RouteTable> log, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the candidate as application/json.");
        CandidateChange? change;
        try
        {
            change = await JsonSerializer.DeserializeAsync<CandidateChange>(context.Request.Body, EdgeJson.Strict, cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a candidate", detail: $"Not the JSON of a candidate: {e.Message}");
        }

        var problems = new Dictionary<string, string[]>();
        Uri? upstream = null;
        if (change is null)
            problems[""] = ["The body must be a JSON object with 'upstream' and 'version'."];
        else
        {
            if (RouteChangeValidator.UpstreamProblem(change.Upstream, out upstream) is { } address)
                problems["upstream"] = [address];
            if (RouteChangeValidator.VersionProblem(change.Version) is { } version)
                problems["version"] = [version];
        }
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The candidate is invalid; nothing was changed.");

        var candidate = routes.SetCandidate(upstream!, change!.Version);
        log.LogInformation("Requests with {Header} now go to candidate {Upstream} ({Version})", AdminPaths.CandidateHeader, candidate.Upstream.Prefix, candidate.Version);
        return TypedResults.Json(new CandidateView(candidate.Upstream.Prefix, candidate.Version, AdminPaths.CandidateHeader, candidate.Token), EdgeJson.Options);
    }
}
