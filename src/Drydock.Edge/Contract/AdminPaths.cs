namespace Drydock.Edge.Contract;

/// <summary>The admin listener's paths. The public listener has none of them: everything there is forwarded.</summary>
public static class AdminPaths
{
    public const string Routes = "/routes";
    public const string Health = "/health";

    /// <summary>Problem type of a 422 from <c>PUT /routes</c>: the edge could not get a 2xx from the new upstream's health path.</summary>
    public const string UpstreamUnhealthyType = "urn:drydock:problem:edge-upstream-unhealthy";

    /// <summary>Problem type of a 409 from <c>PUT /routes</c>: <see cref="RouteChange.ExpectedGeneration"/> did not match.</summary>
    public const string GenerationConflictType = "urn:drydock:problem:edge-generation-conflict";
}
