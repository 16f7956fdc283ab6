using Drydock.Edge.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Edge.Admin;

/// <summary>
/// Carries out a validated switch of one service's route and answers it, the same for the host-less service
/// (<c>PUT /routes</c>) and a host service (<c>PUT /hosts/{host}/route</c>).
/// </summary>
public static class SwitchAnswer
{
    /// <param name="changedMeanwhile">The conflict's title, naming what changed (the route table, the host's route).</param>
    public static async Task<IResult> SwitchAsync(RouteSwitcher switcher, ValidatedRouteChange change, string changedMeanwhile, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await switcher.SwitchAsync(change, cancellationToken) switch
            {
                SwitchOutcome.Switched(var result) => TypedResults.Json(
                    new RouteSwitchResult(result.Changed, result.Active.Generation, RouteViews.Active(result.Active)!, RouteViews.Active(result.Previous)),
                    EdgeJson.Options),
                SwitchOutcome.Unhealthy(var answer) => Problem(StatusCodes.Status422UnprocessableEntity, "The new upstream is not healthy; nothing was changed.",
                    answer, AdminPaths.UpstreamUnhealthyType),
                SwitchOutcome.GenerationConflict(var expected, var actual) => Problem(StatusCodes.Status409Conflict, changedMeanwhile,
                    $"Expected generation {expected}, but it is {actual}.", AdminPaths.GenerationConflictType),
                _ => throw new InvalidOperationException("Unknown switch outcome."),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The state file could not be written: the route stays as it was, so a restart cannot lose a switch.
            log.LogError(e, "Could not persist the route table; the route is unchanged");
            return Problem(StatusCodes.Status500InternalServerError, "Could not save the route table; nothing was changed.", e.Message);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
}
