using System.Diagnostics;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The first edge deploy of an environment whose release publishes the port itself: the new release is verified on
/// the network, then the old one stops (freeing the port), the edge takes the port and routes to the new release.
/// The port is closed from the stop until the edge answers: one short gap, this once.
/// </summary>
/// <param name="Spec">The new release, already running on the environment's network as <paramref name="Container"/>.</param>
/// <param name="Edge">The edge to create once the port is free; <paramref name="ExistingEdge"/> is its container as read (null: none).</param>
/// <param name="Holder">The release that publishes the port now.</param>
public sealed record EdgePortMove(ReleaseSpec Spec, ContainerName Container, EdgeContainerSpec Edge, ContainerState? ExistingEdge, ReleaseContainer Holder)
{
    public async Task<RolloutResult> RunAsync(DeployContext context, EnvironmentEdge edges, CancellationToken cancellationToken)
    {
        var (config, holder, name) = (Spec.Config, Holder.Container, Container);
        context.Log.Write(LogLevel.Information, $"{holder.Name} publishes port {config.HostPort} itself: verifying {name} on {Edge.Network}, then moving the port to the edge {Edge.ContainerName}");
        var verdict = await ContainerDiagnostics.RequireHealthyAsync(context, name, null, Spec, StillServing.Before(holder.Name, Spec.Environment).What, cancellationToken);
        context.Log.Write(LogLevel.Warning, $"Moving port {config.HostPort} from {holder.Name} to the edge: it is closed from stopping {holder.Name} until the edge answers (once per environment; deploys after this one switch without a gap)");
        var clock = Stopwatch.StartNew();
        var oldDrain = Holder.Recorded?.Spec.Config.DrainTimeout ?? config.DrainTimeout;
        try
        {
            await context.Containers.StopAsync(holder.Name, oldDrain, CancellationToken.None);
            var edge = await edges.EnsureRunningAsync(Edge, ExistingEdge, cancellationToken);
            using var admin = edge.CreateClient();
            var change = new RouteChange(EdgeRoutes.Upstream(name, config), Spec.Version) { HealthPath = config.HealthPath };
            var restarted = new StillServing($"{holder.Name} is started again");
            await EdgeSwitch.WhenHealthyAsync(context, admin, new EdgeSwitchRequest(change, name, config.DeployTimeout, edges.Edge.Options.SwitchRetryInterval, restarted), cancellationToken);
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
            await context.Containers.RemoveAsync([Edge.ContainerName], CancellationToken.None);
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
}
