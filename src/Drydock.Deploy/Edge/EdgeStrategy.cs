using System.Diagnostics;
using System.Globalization;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Zero downtime through the environment's edge, which holds the published port and routes to one release over the
/// environment's private network; releases publish nothing.
/// <list type="number">
/// <item>the edge and its route table are read with the environment (<see cref="ReadAsync"/>); a missing edge is created;</item>
/// <item>run the release on the network, beside the serving one;</item>
/// <item>health: Docker's health check, then the edge's own GET of the health path on the new upstream (the host
/// never reaches an unpublished container). A release that fails either is removed; the edge never routed to it;</item>
/// <item>switch the route (guarded by the generation read with the environment), wait for the old upstream's in-flight
/// requests (bounded by the drain timeout), then stop the old container, which is kept for rollback (<see cref="RetirePlan"/>).</item>
/// </list>
/// A rollback brings back a release that served before, so it switches the moment the edge's check passes and confirms
/// Docker's verdict afterwards (switching back if it fails). The first edge deploy of an environment whose release
/// publishes the port itself moves the port to the edge (<see cref="EdgePortMove"/>).
/// </summary>
public sealed class EdgeStrategy(EnvironmentEdge edges, EdgeStrategyOptions options) : IDeployStrategy
{
    public string Name => "edge";

    /// <summary>The edge holds the environment's port and bind: today's configuration, whatever a release recorded.</summary>
    public bool OwnsPort => true;

    public async Task<EnvironmentSnapshot> ReadAsync(DeployContext context, EnvironmentSnapshot snapshot, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        // A release still publishing the port itself: the next deploy moves the port to the edge. No edge yet: the first edge deploy creates it.
        if (snapshot.ReleaseStates.Any(r => EdgeRoutes.HoldsPort(r, config.HostPort)) || snapshot.EdgeContainer is not { } container)
            return snapshot;
        return snapshot with { Edge = await edges.ReadAsync(snapshot.Id, config, container, cancellationToken) };
    }

    public Task<bool> RepairAsync(DeployContext context, EnvironmentSnapshot snapshot, EnvironmentConfig config, CancellationToken cancellationToken) =>
        snapshot.Edge is { } edge ? EdgeRepair.RunAsync(context, snapshot, edge, config, options.SwitchRetryInterval, cancellationToken) : Task.FromResult(false);

    public bool Serves(EnvironmentSnapshot snapshot, ContainerState serving, ReleaseSpec spec) =>
        ServingRelease.AnswersBehindEdge(serving)
        && snapshot.Edge is { } edge
        && edge.Container.Labels.GetValueOrDefault(EdgeLabels.PublicPort) == spec.Config.HostPort.ToString(CultureInfo.InvariantCulture)
        && string.Equals(edge.RoutedContainer, serving.Name, StringComparison.OrdinalIgnoreCase);

    public async Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var (context, spec, serving, name) = (rollout.Context, rollout.Spec, rollout.Serving, rollout.Container);
        var config = spec.Config;
        var portHolder = serving is not null && EdgeRoutes.HoldsPort(serving, config.HostPort) ? serving : null;
        var edge = rollout.Snapshot.Edge?.Running;
        EdgeContainerSpec? edgeSpec = null;
        if (edge is null)
        {
            edgeSpec = await edges.SpecAsync(spec.Id, config, rollout.Snapshot.EdgeContainer, cancellationToken);
            // While a release still holds the port, the release joins the network before the edge exists.
            if (portHolder is null)
                edge = await edges.EnsureRunningAsync(edgeSpec, rollout.Snapshot.EdgeContainer, cancellationToken);
            else
                await edges.EnsureNetworkAsync(edgeSpec, cancellationToken);
        }

        Switched switched;
        RouteTableView before;
        ActiveRouteView? previousRoute = null;
        VerificationStart? verifying = null;
        try
        {
            await context.Containers.RunAsync(ContainerPlan.Release(spec, rollout.Stamp, rollout.SecretValues, ReleasePlacement.OnNetwork(spec.Id.Network)), cancellationToken);
            if (edge is null)
                return await new EdgePortMove(spec, name, edgeSpec!, rollout.Snapshot.EdgeContainer, rollout.Snapshot.Serving!).RunAsync(context, edges, cancellationToken);
            using var admin = edge.CreateClient();
            before = rollout.Snapshot.Edge?.Routes ?? await admin.GetRoutesAsync(cancellationToken);
            previousRoute = before.Active;
            // The previous release's baseline is read before the switch: afterwards it serves nothing.
            if (VerifyStep.Applies(spec, rollout.Stamp.Action, previousRoute))
                verifying = await VerifyStep.StartAsync(context, admin, previousRoute!.Upstream, EdgeRoutes.Upstream(name, config), cancellationToken);
            // A canary only where a window runs (a deploy replacing a release, the edge answering its metrics).
            switched = await SwitchAsync(rollout, edge, admin, before, verifying is null ? null : config.Canary, cancellationToken);
        }
        catch
        {
            // The switch may have been applied though its answer was lost: the edge's route is read again before removing.
            if (edge is null)
                await context.Containers.RemoveAsync([name], CancellationToken.None);
            else
                await UncertainSwitch.RemoveUnlessRoutedAsync(context, edge, name, EdgeRoutes.Upstream(name, config), previousRoute ?? rollout.Snapshot.Edge?.Routes.Active);
            throw;
        }

        // From here on the new release serves: only a failed verification window undoes the switch (and throws).
        var verdict = verifying is null ? null
            : switched.Canary is { } canaryStart ? await new CanaryStep(context, config.Verification).RunAsync(rollout, edge, previousRoute!, canaryStart, before.Generation, cancellationToken)
            : await new VerifyStep(context, config.Verification).RunAsync(edge, spec, name, previousRoute!, verifying, WindowSignals.LockIdOf(rollout.Snapshot), cancellationToken);
        var plan = RetirePlan.Decide(switched.PreviousUpstream, serving, name);
        var drains = plan.DrainUpstream is { } upstream ? [Drain(edge, plan.Stop[0], upstream)] : Array.Empty<EdgeDrain>();
        var summary = await DeployEdge.RetireAsync(context, plan, config.DrainTimeout, drains);
        return new RolloutResult(name, switched.PreviousUpstream is null ? null : TimeSpan.Zero, switched.Verdict)
        {
            Endpoint = ProbeAddress.For(config, edge.PublicPort, config.Bind),
            Summary = $"{(switched.Canary is null ? "switched" : $"canary {config.Canary} for the window, then promoted")} at the edge {edge.Container} (no gap){summary}",
            Verification = verdict,
        };
    }

    private static EdgeDrain Drain(RunningEdge edge, string container, string upstream) => new(container, upstream, async timeout =>
    {
        using var admin = edge.CreateClient();
        return await admin.WaitForDrainAsync(upstream, timeout, cancellationToken: CancellationToken.None);
    });

    /// <summary>The release is routed to; <paramref name="PreviousUpstream"/> was the route before (null: none); <paramref name="Canary"/>: only its share is, from this reading on.</summary>
    private sealed record Switched(HealthVerdict Verdict, string? PreviousUpstream, CanaryReading? Canary = null);

    private async Task<Switched> SwitchAsync(Rollout rollout, RunningEdge edge, EdgeAdminClient admin, RouteTableView before, CanaryShare? canary, CancellationToken cancellationToken)
    {
        var (context, spec, name) = (rollout.Context, rollout.Spec, rollout.Container);
        var config = spec.Config;
        var clock = Stopwatch.StartNew();
        var change = new RouteChange(EdgeRoutes.Upstream(name, config), spec.Version) { HealthPath = config.HealthPath, ExpectedGeneration = before.Generation };
        var still = StillServing.Before(EdgeRoutes.Container(before.Active?.Upstream), spec.Environment);
        var retry = options.SwitchRetryInterval;
        HealthVerdict verdict;
        if (rollout.Stamp.Action == ReleaseAction.Rollback && config.HealthPath is not null)
        {
            // A release that served before: route to it the moment the edge's own check passes, then confirm Docker's verdict.
            context.Log.Write(LogLevel.Information, $"Started {name}; switching the edge to it as soon as it answers {config.HealthPath} on the environment's network");
            await EdgeSwitch.WhenHealthyAsync(context, admin, new EdgeSwitchRequest(change, name, config.DeployTimeout, retry, still), cancellationToken);
            context.Log.Write(LogLevel.Information, $"{edge.Container} routes {spec.Environment} to {name} ({spec.Version}) after {clock.Elapsed.TotalSeconds:0.0}s (its own check of {config.HealthPath}); waiting for Docker's verdict before retiring the old release");
            try
            {
                verdict = await context.Health.WaitAsync(name, null, config.DeployTimeout, cancellationToken);
            }
            catch (OperationCanceledException) when (before.Active is not null)
            {
                // Ctrl-C: the new release is about to be removed, so the route goes back to the one still running.
                await EdgeSwitch.BackAsync(context, admin, before.Active, name);
                throw;
            }
            if (!verdict.Healthy)
            {
                var diagnostics = await ContainerDiagnostics.DescribeAsync(context, name, verdict);
                var back = before.Active is null ? "" : await EdgeSwitch.BackAsync(context, admin, before.Active, name);
                throw new DeployException($"{spec.Version} answered the edge but Docker calls it not healthy: {verdict.Reason}. {back}It was removed.\n{diagnostics}");
            }
            return new Switched(verdict, before.Active?.Upstream);
        }

        context.Log.Write(LogLevel.Information, $"Verifying {name} beside {(rollout.Serving?.Name ?? "nothing")} on {edge.Container}'s network before switching the edge");
        verdict = await ContainerDiagnostics.RequireHealthyAsync(context, name, null, spec, still.NeverRouted, cancellationToken);
        if (config.Smoke is { } smoke)
            await SmokeStep.RunAsync(context, admin, edge, spec, name, smoke, still.What, cancellationToken);
        var request = new EdgeSwitchRequest(change, name, Deadline.Left(config.DeployTimeout, clock.Elapsed, Deadline.SwitchFloor), retry, still);
        if (canary is { } share)
        {
            var start = await CanaryStep.SetAsync(context, admin, request, share, cancellationToken);
            context.Log.Write(LogLevel.Information, $"{edge.Container} sends {share} of {spec.Environment}'s requests to {name} ({spec.Version}) after {clock.Elapsed.TotalSeconds:0.0}s ({verdict.Reason}, then the edge's own check)");
            return new Switched(verdict, before.Active?.Upstream, start);
        }
        await EdgeSwitch.WhenHealthyAsync(context, admin, request, cancellationToken);
        context.Log.Write(LogLevel.Information, $"{edge.Container} routes {spec.Environment} to {name} ({spec.Version}) after {clock.Elapsed.TotalSeconds:0.0}s ({verdict.Reason}, then the edge's own check)");
        return new Switched(verdict, before.Active?.Upstream);
    }
}
