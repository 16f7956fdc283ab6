using System.Text.Json;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Admin;

/// <summary>
/// <c>PUT /canary</c> gives a release a share of the requests beside the active route (guarded and health-checked like a
/// switch); <c>DELETE /canary</c> ends the split. A switch to the canary's upstream (<c>PUT /routes</c>) promotes it.
/// </summary>
public static class CanaryEndpoints
{
    public static IEndpointRouteBuilder MapCanaryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut(AdminPaths.Canary, PutAsync);
        app.MapDelete(AdminPaths.Canary, async (RouteSwitcher switcher, CancellationToken cancellationToken) =>
            await switcher.ClearCanaryAsync(cancellationToken) ? Results.NoContent() : Results.NotFound());
        return app;
    }

    private static async Task<IResult> PutAsync(HttpContext context, RouteSwitcher switcher, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the canary as application/json.");
        CanaryChange? change;
        try
        {
            change = await JsonSerializer.DeserializeAsync<CanaryChange>(context.Request.Body, EdgeJson.Strict, cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a canary", detail: $"Not the JSON of a canary: {e.Message}");
        }

        var route = change is null ? null : new RouteChange(change.Upstream, change.Version) { HealthPath = change.HealthPath, ExpectedGeneration = change.ExpectedGeneration };
        var problems = new Dictionary<string, string[]>(RouteChangeValidator.Validate(route, out var valid));
        if (change is { Share.BasisPoints: 0 })
            problems["share"] = ["Required: the share of requests the canary gets, e.g. \"10%\"."];
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The canary is invalid; nothing was changed.");

        SwitchOutcome outcome;
        try
        {
            outcome = await switcher.SetCanaryAsync(valid!, change!.Share, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The state file could not be written: the split is unchanged, so a restart cannot lose it.
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Could not save the route table; nothing was changed.", detail: e.Message);
        }
        return outcome switch
        {
            SwitchOutcome.CanarySet(var canary) => TypedResults.Json(canary.View(), EdgeJson.Options),
            SwitchOutcome.NoActiveRoute => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No active route; nothing was changed.",
                detail: "A canary takes a share of the active route's requests: switch to a first release (PUT /routes) before setting one.", type: AdminPaths.NoActiveRouteType),
            SwitchOutcome.Unhealthy(var answer) => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The canary is not healthy; nothing was changed.",
                detail: answer, type: AdminPaths.UpstreamUnhealthyType),
            SwitchOutcome.GenerationConflict(var expected, var actual) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The route table changed meanwhile; nothing was changed.", detail: $"Expected generation {expected}, but it is {actual}.", type: AdminPaths.GenerationConflictType),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
    }
}
