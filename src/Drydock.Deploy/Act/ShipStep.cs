using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Puts one release in service under the lock, from the snapshot read there: the data volume, the strategy's rollout,
/// the history record (failed or succeeded), then retention (<see cref="RetentionPolicy"/>).
/// </summary>
public sealed class ShipStep(DeployContext context, IReleaseHistory history, ReleaseManagerOptions options)
{
    public async Task<DeployResult> RunAsync(
        IDeployStrategy strategy, ReleaseSpec spec, string imageId, IReadOnlyDictionary<string, string> secrets, ReleaseAction action, long clock,
        EnvironmentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var log = context.Log;
        var previous = snapshot.Serving?.Recorded?.Spec.Version;
        var dataVolume = spec.Id.DataVolume;
        // Docker keeps a volume while any container (even a stopped one) mounts it: a release that mounts it proves it exists.
        var mounting = snapshot.ReleaseStates.Where(r => r.Mounts.Any(m => m.Name == dataVolume)).ToList();
        var created = mounting.Count == 0 && await context.Containers.EnsureVolumeAsync(dataVolume, spec.Id, "data", cancellationToken);
        var ownership = await DataOwnershipAsync(spec, imageId, created, mounting, cancellationToken);
        var who = ProcessIdentity.Actor(options.ReadEnvironment);
        var stamp = new ReleaseStamp(ReleaseNames.NewReleaseId(), options.Time.GetUtcNow(), who, action, imageId);
        var record = HistoryRecord.Succeeded(spec, stamp) with { PreviousVersion = previous };

        RolloutResult rollout;
        try
        {
            rollout = await strategy.RollOutAsync(new Rollout(context, spec, stamp, snapshot, secrets), cancellationToken);
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "cancelled" : e.Message.Split('\n')[0];
            var reverted = e as VerificationFailedException;
            await AppendQuietlyAsync(record with
            {
                Outcome = reverted is null ? ReleaseOutcome.Failed : ReleaseOutcome.Reverted,
                Container = reverted?.Container,
                DurationSeconds = Elapsed(clock).TotalSeconds,
                Message = reverted?.Verdict.Describe() ?? message,
            });
            throw;
        }

        var duration = Elapsed(clock);
        await AppendQuietlyAsync(record with
        {
            Container = rollout.Container, DurationSeconds = duration.TotalSeconds, SwapGapSeconds = rollout.SwapGap?.TotalSeconds,
            Message = JoinMessages(ownership, rollout.Verification?.Describe(), rollout.Certificates),
        });
        try
        {
            await new ReleasePruner(context.Containers, log).PruneAsync(spec.Id, rollout.Container, spec.Config.KeepReleases, CancellationToken.None);
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

    /// <summary>An existing data volume the new release's user may not be able to write is made writable first (<see cref="DataVolumeRepair"/>).</summary>
    private async Task<string?> DataOwnershipAsync(ReleaseSpec spec, string imageId, bool created, IReadOnlyList<ContainerState> mounting, CancellationToken cancellationToken)
    {
        var user = spec.Config.User ?? (await context.Containers.Docker.InspectImageAsync(imageId, cancellationToken))?.User ?? string.Empty;
        return DataVolumeOwnership.NeedsCheck(user, created, [.. mounting.Select(r => r.User)])
            ? await new DataVolumeRepair(context, options.Edge).EnsureWritableAsync(spec.Id.DataVolume, user, cancellationToken)
            : null;
    }

    private static string? JoinMessages(params string?[] parts) =>
        parts.Where(p => p is not null).ToList() is { Count: > 0 } present ? string.Join("; ", present) : null;

    private async Task AppendQuietlyAsync(HistoryRecord record)
    {
        try
        {
            await history.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException or IOException)
        {
            context.Log.Write(LogLevel.Warning, $"Could not record the {record.Action.ToString().ToLowerInvariant()} of {record.Version} in the history: {e.Message}");
        }
    }

    private TimeSpan Elapsed(long start) => options.Time.GetElapsedTime(start);
}
