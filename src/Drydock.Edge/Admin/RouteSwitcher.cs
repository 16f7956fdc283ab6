using Drydock.Edge.Routing;

namespace Drydock.Edge.Admin;

/// <summary>
/// Carries out one validated route change at a time: the generation guard, the edge's own health check of the new
/// upstream, then the switch. Serialized, so the guard and the check hold for the switch that follows them.
/// </summary>
public sealed class RouteSwitcher(RouteTable routes, UpstreamHealthCheck health, ILogger<RouteSwitcher> log)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<SwitchOutcome> SwitchAsync(ValidatedRouteChange change, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (change.ExpectedGeneration is { } expected && expected != routes.Generation)
                return new SwitchOutcome.GenerationConflict(expected, routes.Generation);

            if (change.HealthPath is { } path)
            {
                var (healthy, answer) = await health.CheckAsync(change.Upstream, path, cancellationToken);
                if (!healthy)
                {
                    log.LogWarning("Refused to switch to {Upstream} ({Version}): {Answer}", change.Upstream, change.Version, answer);
                    return new SwitchOutcome.Unhealthy(answer);
                }
            }

            var result = routes.Apply(change.Upstream, change.Version);
            if (result.Changed)
                log.LogInformation("Switched to {Upstream} ({Version}), generation {Generation}; was {Previous} ({PreviousVersion})",
                    result.Active.Upstream.Prefix, result.Active.Version, result.Active.Generation,
                    result.Previous?.Upstream.Prefix ?? "none", result.Previous?.Version ?? "none");
            return new SwitchOutcome.Switched(result);
        }
        finally
        {
            _one.Release();
        }
    }
}

/// <summary>How a switch ended.</summary>
public abstract record SwitchOutcome
{
    public sealed record Switched(RouteSwitch Result) : SwitchOutcome;

    public sealed record Unhealthy(string Answer) : SwitchOutcome;

    public sealed record GenerationConflict(long Expected, long Actual) : SwitchOutcome;
}
