using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>One release to put in service: what, as which action, over which state; <paramref name="StartedAt"/> is the run's clock start.</summary>
public sealed record ShipOrder<TState>(ReleaseSpec Spec, PreparedRelease Prepared, ReleaseAction Action, TState State, long StartedAt)
    where TState : IReleaseState;

/// <summary>
/// Puts one release in service under the lock, on any platform, from the state read there: the stamp, the platform's
/// rollout (place, route, verify, retire), the history record (failed, reverted or succeeded), then retention.
/// </summary>
public sealed class ShipStep(IBuildLog log, IReleaseHistory history, ReleaseManagerOptions options)
{
    public async Task<DeployResult> RunAsync<TState>(IReleasePlatform<TState> platform, ShipOrder<TState> order, CancellationToken cancellationToken)
        where TState : IReleaseState
    {
        var (chosen, prepared, action, state, clock) = order;
        // A target chosen from labels or the history names its environment afresh: the state's id has the resolved names.
        var spec = chosen with { Id = state.Id };
        var previous = state.ServingRecord?.Spec.Version;
        var who = ProcessIdentity.Actor(options.ReadEnvironment);
        var stamp = new ReleaseStamp(platform.KeptReleaseId(state, spec, action) ?? ReleaseNames.NewReleaseId(), options.Time.GetUtcNow(), who, action, prepared.ImageId);
        var record = HistoryRecord.Succeeded(spec, stamp) with { PreviousVersion = previous };
        var append = (HistoryRecord r) => AppendQuietlyAsync(state.Id, r);

        PlacedRelease placed;
        try
        {
            placed = await platform.RollOutAsync(new PlatformRollout<TState>(spec, prepared, stamp, state), cancellationToken);
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "cancelled" : e.Message.Split('\n')[0];
            var reverted = e as VerificationFailedException;
            await append(record with
            {
                Outcome = reverted is null ? ReleaseOutcome.Failed : ReleaseOutcome.Reverted,
                Container = (e as ReleaseFailedException)?.Container,
                DurationSeconds = Elapsed(clock).TotalSeconds,
                Message = reverted?.Verdict.Describe() ?? message,
            });
            throw;
        }

        var rollout = placed.Rollout;
        var duration = Elapsed(clock);
        await append(record with
        {
            Container = rollout.Container, DurationSeconds = duration.TotalSeconds, SwapGapSeconds = rollout.SwapGap?.TotalSeconds,
            Message = JoinMessages(placed.Note, rollout.Verification?.Describe(), rollout.Certificates),
        });
        try
        {
            await platform.PruneAsync(state, rollout.Container, spec.Config.KeepReleases, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException)
        {
            log.Write(LogLevel.Warning, $"Pruning old releases failed (the next deploy tries again): {e.Message}");
        }
        log.Write(LogLevel.Information,
            $"{action switch { ReleaseAction.Rollback => "Rolled back", ReleaseAction.Redeploy => "Redeployed (drift healed)", _ => "Deployed" }} {spec.App} {spec.Version} to {spec.Environment} in {duration.TotalSeconds:0.0}s"
            + (rollout.Summary is { } summary ? $"; {summary}"
                : rollout.SwapGap is { } gap ? $"; swap gap {gap.TotalSeconds:0.00}s" : "; nothing served before, so no gap")
            + (rollout.Endpoint is { } endpoint ? $"; answering on {endpoint.GetLeftPart(UriPartial.Authority)}" : string.Empty));
        return new DeployResult(spec, rollout.Container, duration)
        {
            SwapGap = rollout.SwapGap,
            ReplacedVersion = previous,
            Endpoint = rollout.Endpoint,
            Action = action,
            Verification = rollout.Verification,
        };
    }

    private static string? JoinMessages(params string?[] parts) =>
        parts.Where(p => p is not null).ToList() is { Count: > 0 } present ? string.Join("; ", present) : null;

    private async Task AppendQuietlyAsync(EnvironmentId environment, HistoryRecord record)
    {
        try
        {
            await history.AppendAsync(environment, record, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException or IOException)
        {
            log.Write(LogLevel.Warning, $"Could not record the {record.Action.ToString().ToLowerInvariant()} of {record.Version} in the history: {e.Message}");
        }
    }

    private TimeSpan Elapsed(long start) => options.Time.GetElapsedTime(start);
}
