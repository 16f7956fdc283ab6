using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Notes.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database takes writes): 200 or 503.</summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddNotesHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseWritableHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapNotesHealthChecks(this IEndpointRouteBuilder app)
    {
        // Liveness runs no checks: a broken volume calls for taking traffic away, not for restarting the process.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
