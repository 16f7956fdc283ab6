using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Admin;

/// <summary>
/// Carries out one validated route change at a time: the generation guard, the edge's own health check of the new
/// upstream, then the switch. Serialized, so the guard and the check hold for the switch that follows them.
/// </summary>
public sealed class RouteSwitcher(RouteTable routes, UpstreamHealthCheck health, ILogger<RouteSwitcher> log)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public Task<SwitchOutcome> SwitchAsync(ValidatedRouteChange change, CancellationToken cancellationToken) =>
        GuardedAsync(change, () =>
        {
            var result = routes.Apply(change.Upstream, change.Version);
            if (result.Changed)
                log.LogInformation("Switched to {Upstream} ({Version}), generation {Generation}; was {Previous} ({PreviousVersion})",
                    result.Active.Upstream.Prefix, result.Active.Version, result.Active.Generation,
                    result.Previous?.Upstream.Prefix ?? "none", result.Previous?.Version ?? "none");
            return new SwitchOutcome.Switched(result);
        }, cancellationToken);

    /// <summary>Sets a canary beside the active route, behind the same guard and health check as a switch.</summary>
    public Task<SwitchOutcome> SetCanaryAsync(ValidatedRouteChange change, CanaryShare share, CancellationToken cancellationToken) =>
        GuardedAsync(change, () =>
        {
            if (routes.SetCanary(change.Upstream, change.Version, share) is not { } canary)
                return new SwitchOutcome.NoActiveRoute();
            log.LogInformation("Canary {Upstream} ({Version}) now gets {Share} of requests beside {Active}", canary.Upstream.Prefix, canary.Version, canary.Share, routes.Active?.Upstream.Prefix);
            return new SwitchOutcome.CanarySet(canary);
        }, cancellationToken);

    /// <summary>Ends the split, serialized with switches so a promotion and a clear never interleave.</summary>
    public async Task<bool> ClearCanaryAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var cleared = routes.ClearCanary();
            if (cleared)
                log.LogInformation("Canary cleared: every request takes the active route {Active}", routes.Active?.Upstream.Prefix);
            return cleared;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<SwitchOutcome> GuardedAsync(ValidatedRouteChange change, Func<SwitchOutcome> apply, CancellationToken cancellationToken)
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
                    log.LogWarning("Refused to route to {Upstream} ({Version}): {Answer}", change.Upstream, change.Version, answer);
                    return new SwitchOutcome.Unhealthy(answer);
                }
            }
            return apply();
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

    public sealed record CanarySet(Canary Canary) : SwitchOutcome;

    public sealed record NoActiveRoute : SwitchOutcome;
}
