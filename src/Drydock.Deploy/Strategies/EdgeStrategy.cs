using System.Diagnostics;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Zero downtime through the environment's edge, which holds the published port and routes to one release over the
/// environment's private network; releases publish nothing.
/// <list type="number">
/// <item>ensure the edge image and the edge (network, state volume, container; kept when it runs);</item>
/// <item>run the release on the network, beside the serving one;</item>
/// <item>health: Docker's health check, then the edge's own GET of the health path on the new upstream (the host
/// never reaches an unpublished container). A release that fails either is removed; the edge never routed to it;</item>
/// <item>switch the route (guarded by the generation just read), wait for the old upstream's in-flight requests
/// (bounded by the drain timeout), then stop the old container, which is kept for rollback.</item>
/// </list>
/// A rollback brings back a release that served before, so it switches the moment the edge's check passes and confirms
/// Docker's verdict afterwards (switching back if it fails). The first edge deploy of an environment whose release
/// publishes the port itself moves the port to the edge: one short gap, measured and said.
/// </summary>
public sealed class EdgeStrategy(EnvironmentEdge edges, EdgeStrategyOptions options) : IDeployStrategy
{
    public string Name => "edge";

    public async Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var (context, spec, stamp, serving) = (rollout.Context, rollout.Spec, rollout.Stamp, rollout.Serving);
        var config = spec.Config;
        var edgeSpec = await edges.SpecAsync(spec.App, spec.Environment, config, running: null, cancellationToken);
        var portHolder = serving is not null && EdgeRoutes.HoldsPort(serving, config.HostPort) ? serving : null;
        // A running edge is on the environment's network; while a release still holds the port, the release joins the network before the edge exists.
        var edge = portHolder is null ? await edges.EnsureRunningAsync(edgeSpec, cancellationToken) : null;
        if (edge is null)
            await edges.EnsureNetworkAsync(edgeSpec, cancellationToken);

        var name = ReleaseNames.Container(spec.App, spec.Environment, spec.Version, stamp.ReleaseId);
        Switched switched;
        try
        {
            // The env file lives only for the docker run: secrets never sit on disk while health checks run.
            using (var envFile = EnvFile.Write(rollout.SecretValues))
                await context.Containers.RunAsync(ContainerPlan.Release(spec, stamp, envFile?.Path, ReleasePlacement.OnNetwork(edgeSpec.Network)), cancellationToken);
            if (edge is null)
                return await MovePortToEdgeAsync(context, spec, name, edgeSpec, portHolder!, cancellationToken);
            switched = await SwitchAsync(context, spec, stamp.Action, name, edge, serving, cancellationToken);
        }
        catch
        {
            // Before the switch: the edge never routed to it. Remove it; the old release keeps serving.
            await context.Containers.RemoveAsync([name], CancellationToken.None);
            throw;
        }

        // From here on the new release serves: what follows only retires the old one and never undoes the switch.
        var summary = await RetireAsync(context, spec, edge, switched.PreviousUpstream, serving, name);
        return new RolloutResult(name, switched.PreviousUpstream is null ? null : TimeSpan.Zero, switched.Verdict)
        {
            Endpoint = ProbeAddress.For(config, edge.PublicPort, config.Bind),
            Summary = $"switched at the edge {edge.Container} (no gap){summary}",
        };
    }

    /// <summary>The release is routed to; <paramref name="PreviousUpstream"/> was the route before (null: none).</summary>
    private sealed record Switched(HealthVerdict Verdict, string? PreviousUpstream);

    private async Task<Switched> SwitchAsync(
        DeployContext context, ReleaseSpec spec, ReleaseAction action, string name, RunningEdge edge, ContainerState? serving, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        var clock = Stopwatch.StartNew();
        using var admin = edge.CreateClient();
        var before = await edges.TakeRoutesAsync(admin, cancellationToken);
        var change = new RouteChange(EdgeRoutes.Upstream(name, config), spec.Version) { HealthPath = config.HealthPath, ExpectedGeneration = before.Generation };
        var still = before.Active is null ? "nothing served before" : $"{EdgeRoutes.Container(before.Active.Upstream)} still serves {spec.Environment}";
        HealthVerdict verdict;
        if (action == ReleaseAction.Rollback && config.HealthPath is not null)
        {
            // A release that served before: route to it the moment the edge's own check passes, then confirm Docker's verdict.
            context.Log.Write(LogLevel.Information, $"Started {name}; switching the edge to it as soon as it answers {config.HealthPath} on the environment's network");
            await SwitchWhenHealthyAsync(context, admin, change, name, config.DeployTimeout, still, cancellationToken);
            context.Log.Write(LogLevel.Information, $"{edge.Container} routes {spec.Environment} to {name} ({spec.Version}) after {clock.Elapsed.TotalSeconds:0.0}s (its own check of {config.HealthPath}); waiting for Docker's verdict before retiring the old release");
            try
            {
                verdict = await context.Health.WaitAsync(name, null, config.DeployTimeout, cancellationToken);
            }
            catch (OperationCanceledException) when (before.Active is not null)
            {
                // Ctrl-C: the new release is about to be removed, so the route goes back to the one still running.
                await SwitchBackAsync(context, admin, before.Active, name);
                throw;
            }
            if (!verdict.Healthy)
            {
                var diagnostics = await ContainerDiagnostics.DescribeAsync(context, name, verdict);
                var back = before.Active is null ? "" : await SwitchBackAsync(context, admin, before.Active, name);
                throw new DeployException($"{spec.Version} answered the edge but Docker calls it not healthy: {verdict.Reason}. {back}It was removed.\n{diagnostics}");
            }
        }
        else
        {
            context.Log.Write(LogLevel.Information, $"Verifying {name} beside {(serving?.Name ?? "nothing")} on {edge.Container}'s network before switching the edge");
            verdict = await ContainerDiagnostics.RequireHealthyAsync(context, name, null, spec, $"the edge never routed to it and {still}", cancellationToken);
            var left = config.DeployTimeout - clock.Elapsed;
            await SwitchWhenHealthyAsync(context, admin, change, name, left > TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), still, cancellationToken);
            context.Log.Write(LogLevel.Information, $"{edge.Container} routes {spec.Environment} to {name} ({spec.Version}) after {clock.Elapsed.TotalSeconds:0.0}s ({verdict.Reason}, then the edge's own check)");
        }

        return new Switched(verdict, before.Active?.Upstream);
    }

    /// <summary>Waits for the old upstream's in-flight requests (bounded by the drain timeout), then stops its container, and any other release still running.</summary>
    private static async Task<string> RetireAsync(DeployContext context, ReleaseSpec spec, RunningEdge edge, string? previousUpstream, ContainerState? serving, string name)
    {
        using var admin = edge.CreateClient();
        var config = spec.Config;
        var old = new List<string>();
        if (EdgeRoutes.Container(previousUpstream) is { } routed && !routed.Equals(name, StringComparison.OrdinalIgnoreCase))
            old.Add(routed);
        if (serving is { Running: true } && !old.Contains(serving.Name, StringComparer.OrdinalIgnoreCase))
            old.Add(serving.Name);
        if (old.Count == 0)
            return "";
        var grace = config.DrainTimeout;
        var drained = "";
        if (previousUpstream is not null)
        {
            try
            {
                var drain = await admin.WaitForDrainAsync(previousUpstream, config.DrainTimeout, cancellationToken: CancellationToken.None);
                grace = config.DrainTimeout - drain.Waited;
                drained = drain.Drained ? $"; {old[0]} drained in {drain.Waited.TotalSeconds:0.00}s" : $"; {old[0]} still had {drain.InFlight} request(s) in flight after {drain.Waited.TotalSeconds:0}s";
            }
            catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
            {
                context.Log.Write(LogLevel.Warning, $"Could not follow the drain of {previousUpstream} at the edge ({e.Message}); stopping it with SIGTERM and {config.DrainTimeout.TotalSeconds:0}s grace");
            }
        }
        // What is left of the drain timeout becomes the SIGTERM grace: a drained release stops at once.
        grace = grace > TimeSpan.FromSeconds(1) ? grace : TimeSpan.FromSeconds(1);
        foreach (var container in old)
        {
            try
            {
                await context.Containers.StopAsync(container, grace, CancellationToken.None);
            }
            catch (Drydock.Engine.Tooling.ToolFailedException e)
            {
                context.Log.Write(LogLevel.Warning, $"Could not stop {container} ({e.Message}); it no longer receives traffic. The next deploy stops it.");
            }
        }
        return drained + $"; stopped {string.Join(", ", old)} (kept for rollback)";
    }

    private async Task SwitchWhenHealthyAsync(DeployContext context, EdgeAdminClient admin, RouteChange change, string name, TimeSpan timeout, string still, CancellationToken cancellationToken)
    {
        try
        {
            if (change.HealthPath is null)
                await admin.SwitchAsync(change, cancellationToken);
            else
                await EdgeCutover.SwitchWhenHealthyAsync(admin, change, timeout, options.SwitchRetryInterval, cancellationToken);
        }
        catch (EdgeAdminException e)
        {
            var why = e.UpstreamUnhealthy ? $"the edge's check of {change.HealthPath} on {name} kept failing for {timeout.TotalSeconds:0}s ({e.Detail})"
                : e.GenerationConflict ? "someone else switched the edge's route meanwhile"
                : e.Message;
            var diagnostics = e.UpstreamUnhealthy ? "\n" + await ContainerDiagnostics.DescribeAsync(context, name, null) : "";
            throw new DeployException($"{change.Version} did not become healthy: {why}. It was removed; the edge never routed to it and {still}.{diagnostics}", e);
        }
    }

    private static async Task<string> SwitchBackAsync(DeployContext context, EdgeAdminClient admin, ActiveRouteView previous, string name)
    {
        try
        {
            await admin.SwitchAsync(new RouteChange(previous.Upstream, previous.Version), CancellationToken.None);
            await admin.WaitForDrainAsync(EdgeRoutes.Upstream(name, new EnvironmentConfig()), TimeSpan.FromSeconds(10), cancellationToken: CancellationToken.None);
            return $"The edge routes to {EdgeRoutes.Container(previous.Upstream)} again. ";
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException or InvalidOperationException or TaskCanceledException)
        {
            context.Log.Write(LogLevel.Error, $"Could not switch the edge back to {previous.Upstream}: {e.Message}");
            return $"Switching the edge back to {previous.Upstream} failed: {e.Message}. ";
        }
    }

    /// <summary>
    /// The first edge deploy of an environment whose release publishes the port itself: the new release is verified on
    /// the network, then the old one stops (freeing the port), the edge takes the port and routes to the new release.
    /// The port is closed from the stop until the edge answers: one short gap, this once.
    /// </summary>
    private async Task<RolloutResult> MovePortToEdgeAsync(
        DeployContext context, ReleaseSpec spec, string name, EdgeContainerSpec edgeSpec, ContainerState holder, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        context.Log.Write(LogLevel.Information, $"{holder.Name} publishes port {config.HostPort} itself: verifying {name} on {edgeSpec.Network}, then moving the port to the edge {edgeSpec.ContainerName}");
        var verdict = await ContainerDiagnostics.RequireHealthyAsync(context, name, null, spec, $"{holder.Name} still serves {spec.Environment}", cancellationToken);
        context.Log.Write(LogLevel.Warning, $"Moving port {config.HostPort} from {holder.Name} to the edge: it is closed from stopping {holder.Name} until the edge answers (once per environment; deploys after this one switch without a gap)");
        var clock = Stopwatch.StartNew();
        var oldDrain = ReleaseLabels.Read(holder.Labels)?.Spec.Config.DrainTimeout ?? config.DrainTimeout;
        try
        {
            await context.Containers.StopAsync(holder.Name, oldDrain, CancellationToken.None);
            var edge = await edges.EnsureRunningAsync(edgeSpec, cancellationToken);
            using var admin = edge.CreateClient();
            var change = new RouteChange(EdgeRoutes.Upstream(name, config), spec.Version) { HealthPath = config.HealthPath };
            await SwitchWhenHealthyAsync(context, admin, change, name, config.DeployTimeout, $"{holder.Name} is started again", cancellationToken);
            var gap = clock.Elapsed;
            context.Log.Write(LogLevel.Information, $"The edge {edge.Container} holds port {config.HostPort} and routes to {name}; the port was unanswered for about {gap.TotalSeconds:0.00}s");
            return new RolloutResult(name, gap, verdict)
            {
                Endpoint = ProbeAddress.For(config, edge.PublicPort, config.Bind),
                Summary = $"moved port {config.HostPort} from {holder.Name} to the edge {edge.Container} (a one-time gap of {gap.TotalSeconds:0.00}s); {holder.Name} stopped (kept for rollback)",
            };
        }
        catch (Exception e)
        {
            // Give the port back to the old release: remove the edge container (its state volume stays) and start the old one.
            await context.Containers.RemoveAsync([edgeSpec.ContainerName], CancellationToken.None);
            try
            {
                await context.Containers.StartAsync(holder.Name, CancellationToken.None);
                context.Log.Write(LogLevel.Warning, $"Started {holder.Name} again on port {config.HostPort}");
            }
            catch (Drydock.Engine.Tooling.ToolFailedException restart)
            {
                context.Log.Write(LogLevel.Error, $"Could not start {holder.Name} again: {restart.Message}. Start it by hand: docker start {holder.Name}");
            }
            if (e is DeployException or OperationCanceledException)
                throw;
            throw new DeployException($"Moving port {config.HostPort} to the edge failed: {e.Message}. {holder.Name} was started again.", e);
        }
    }

    public async Task<bool> RepairAsync(RepairRequest request, CancellationToken cancellationToken)
    {
        var (context, app, environment, config, releases) = (request.Context, request.App, request.Environment, request.Config, request.Releases);
        if (releases.Any(r => EdgeRoutes.HoldsPort(r, config.HostPort)))
            return false; // A release still publishes the port itself: the next deploy moves the port to the edge.
        // The edge carries the environment's labels, so the listing under the lock has already inspected it.
        if (request.Others.FirstOrDefault(c => c.Name == EdgeNames.Container(app, environment))?.Details is not { } inspected)
            return false; // No edge yet: the first edge deploy creates it.
        var edge = await edges.EnsureRunningAsync(await edges.SpecAsync(app, environment, config, inspected, cancellationToken), cancellationToken, inspected);
        using var admin = edge.CreateClient();
        var routes = await admin.GetRoutesAsync(cancellationToken);
        var recorded = request.RecordedContainers;
        var repair = EdgeRouteRepair.Decide(EdgeRoutes.Container(routes.Active?.Upstream), releases, request.LastSucceededContainer, recorded);
        if (repair.NothingToDo)
        {
            edges.RememberRoutes(routes); // the rollout's switch starts from this table: one admin call fewer before it
            return false;
        }
        context.Log.Write(LogLevel.Warning, $"Repairing {environment}'s edge: {repair.Reason}");
        if (repair.Target is { } target)
        {
            var targetConfig = ReleaseLabels.Read(target.Labels)?.Spec.Config ?? config;
            if (repair.StartTarget)
            {
                await context.Containers.StartAsync(target.Name, cancellationToken);
                var verdict = await context.Health.WaitAsync(target.Name, null, targetConfig.DeployTimeout, cancellationToken);
                if (!verdict.Healthy)
                    context.Log.Write(LogLevel.Warning, $"{target.Name} was started but is not healthy: {verdict.Reason}");
            }
            if (repair.Switch)
            {
                var version = target.Labels.GetValueOrDefault(ReleaseLabels.Version) ?? "unknown";
                var change = new RouteChange(EdgeRoutes.Upstream(target.Name, targetConfig), version) { HealthPath = targetConfig.HealthPath, ExpectedGeneration = routes.Generation };
                await SwitchWhenHealthyAsync(context, admin, change, target.Name, targetConfig.DeployTimeout, "the edge's route is unchanged", cancellationToken);
                context.Log.Write(LogLevel.Warning, $"The edge routes {environment} to {target.Name} ({version}) again");
            }
        }
        foreach (var container in repair.Stop)
        {
            context.Log.Write(LogLevel.Warning, $"Stopping {container.Name}: it runs but the edge does not route to it (kept for rollback)");
            await context.Containers.StopAsync(container.Name, config.DrainTimeout, cancellationToken);
        }
        if (repair.Remove.Count > 0)
        {
            context.Log.Write(LogLevel.Warning, $"Removing {string.Join(", ", repair.Remove.Select(c => c.Name))}: started by an interrupted run, never routed to");
            await context.Containers.RemoveAsync(repair.Remove.Select(c => c.Id).ToArray(), cancellationToken);
        }
        return repair.StartTarget || repair.Stop.Count > 0 || repair.Remove.Count > 0;
    }

    public async Task<bool> ServesAsync(DeployContext context, ContainerState serving, ReleaseSpec spec, CancellationToken cancellationToken)
    {
        if (!serving.Running || serving.HealthStatus is not (null or "healthy") || !ReleasePlacement.IsBehindEdge(serving.Labels))
            return false;
        if (await edges.InspectAsync(spec.App, spec.Environment, cancellationToken) is not { Running: true } edge
            || edge.Labels.GetValueOrDefault(EdgeLabels.PublicPort) != spec.Config.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return false;
        using var admin = edges.Client(edge);
        var routes = await admin.GetRoutesAsync(cancellationToken);
        return string.Equals(EdgeRoutes.Container(routes.Active?.Upstream), serving.Name, StringComparison.OrdinalIgnoreCase);
    }
}
