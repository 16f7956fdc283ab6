using Drydock.Deploy;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;
using Drydock.Engine.Planning;
using Drydock.Engine.Targets;

namespace Drydock.Build;

/// <summary>Canary releases and ending a running window early: <c>--canary</c>, <c>Promote</c>, and <c>Rollback</c> during a window.</summary>
public abstract partial class ServiceBuild
{
    /// <summary>--canary parsed; a bad value stops the build before anything runs, naming the fix.</summary>
    CanaryShare? CanaryShareParameter =>
        Canary is null ? null
        : CanaryShare.TryParse(Canary, out var problem) ?? throw new PlanningException($"Nothing was run: --canary {problem}.");

    /// <summary>For <c>Requires</c>: --canary parses.</summary>
    bool CanaryIsValid => Canary is null || CanaryShareParameter is not null;

    /// <summary>How long Promote or Rollback waits for the deploy it asked: its health checks, its window, and some room.</summary>
    TimeSpan WindowWait(EnvironmentConfig config) => config.DeployTimeout + config.Verification.WindowOrOff + TimeSpan.FromMinutes(1);

    async Task<WindowEnd> EndWindowAsync(WindowAction action, EnvironmentConfig config, CancellationToken ct)
    {
        var engine = await EnvironmentEngineAsync(ct);
        var id = await EnvironmentNaming.ResolveAsync(engine, new EnvironmentId(Release.Name.Value, Environment), ct);
        return await new WindowControl(engine, Log.Current).EndAsync(id, action, WindowWait(config), ct);
    }

    public Target Promote => _ => _
        .Description("End the running deploy's verification or canary window now and keep its release (the canary takes every request)")
        .Requires(() => EnvironmentIsValid && HostIsValid) // the host is read from the same file: asked once it parses
        .Executes(async ct =>
        {
            switch (await EndWindowAsync(WindowAction.Promote, EnvironmentConfig, ct))
            {
                case WindowEnd.NoDeploy none:
                    throw new InvalidOperationException($"Nothing to promote: {none.Reason}. Promote ends a running Deploy's window; nothing was changed.");
                case WindowEnd.Finished { Record: { Outcome: ReleaseOutcome.Succeeded } record }:
                    Log.Information($"{record.Version} serves {Environment}: {record.Message ?? "deployed"}");
                    break;
                case WindowEnd.Finished { Record: var record }:
                    throw new InvalidOperationException($"Could not promote: the deploy of {record?.Version ?? "the release"} ended {record?.Outcome.ToString().ToLowerInvariant() ?? "without a record"}: {record?.Message}");
            }
        });

    /// <summary>
    /// Rollback's first step: a deploy in its window is asked to revert (it holds the lock). True when that settled it;
    /// false when a plain rollback should follow (no deploy running, or it finished without a window and serves).
    /// </summary>
    async Task<bool> RevertRunningWindowAsync(EnvironmentConfig config, CancellationToken ct)
    {
        switch (await EndWindowAsync(WindowAction.Rollback, config, ct))
        {
            case WindowEnd.Finished { Record: { Outcome: not ReleaseOutcome.Succeeded } record }:
                Log.Information($"The running deploy of {record.Version} ended {record.Outcome.ToString().ToLowerInvariant()}: {record.Message}. {record.PreviousVersion ?? "The previous release"} still serves {Environment}; nothing more to roll back.");
                return true;
            case WindowEnd.Finished finished:
                Log.Information($"The running deploy of {finished.Record?.Version} finished without a window to end; rolling back from it.");
                return false;
            default:
                return false;
        }
    }
}
