using System.Diagnostics;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Zero downtime through the server's host-wide edge (<see cref="HostEdgeSpec"/>), for an environment with host names:
/// <list type="number">
/// <item>read the edge and its host routes with the environment (<see cref="ReadAsync"/>); decide what it needs
/// (<see cref="HostEdgePlan"/>): created health first when missing, joined to the environment's network;</item>
/// <item>declare the hosts and put their certificates in place (<see cref="HostDeclarationStep"/>): an ACME failure fails
/// here, naming the cause, before any release is started;</item>
/// <item>run the release on the environment's network; Docker's health check; then switch each host's route once the
/// edge's own GET of the health path passes (generation-guarded per host, so another app's route is never touched);</item>
/// <item>the environment's own per-port edge, if it still has one, is switched too (moving to the shared edge leaves no
/// gap on the old port); drain the old upstream of each host, stop the old release (kept for rollback).</item>
/// </list>
/// </summary>
public sealed class HostEdgeStrategy(HostWideEdge edge, EnvironmentEdge? ownEdges, EnvironmentHttps https, EdgeStrategyOptions options) : IDeployStrategy
{
    public string Name => "host-edge";

    public bool OwnsPort => true;

    public async Task<EnvironmentSnapshot> ReadAsync(DeployContext context, EnvironmentSnapshot snapshot, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        snapshot = snapshot with { HostEdge = await edge.ReadAsync(cancellationToken) };
        return ownEdges is not null && snapshot.EdgeContainer is { Running: true } own
            ? snapshot with { Edge = await ownEdges.ReadAsync(snapshot.Id, config, own, cancellationToken) }
            : snapshot;
    }

    public bool Serves(EnvironmentSnapshot snapshot, ContainerState serving, ReleaseSpec spec) =>
        ServingRelease.AnswersBehindEdge(serving)
        && HostEdgePlan.Routes(snapshot.HostEdge, https, serving.Name);

    public async Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var (context, spec, serving, name) = (rollout.Context, rollout.Spec, rollout.Serving, rollout.Container);
        var config = spec.Config;
        var still = StillServing.Before(serving?.Name, spec.Environment);
        var view = rollout.Snapshot.HostEdge ?? HostEdgeView.None(edge.Name);
        var edgeSpec = await edge.SpecAsync(https, config.Bind, view.Container, cancellationToken);
        var plan = HostEdgePlan.Decide(view, edgeSpec, https, [.. rollout.Snapshot.Containers.Select(c => c.Name)], options.RecreateOutdatedEdge);
        if (plan.Conflicts.Count > 0)
            throw new DeployException(string.Join("\n", plan.Conflicts));

        await edge.EnsureAsync(edgeSpec, plan, spec.Id, cancellationToken);
        using var hosts = edge.Admin();
        var certificates = await HostDeclarationStep.RunAsync(context.Log, view, hosts, plan, https, still, cancellationToken);
        // A host just declared (or re-declared on a new edge) is read again: its generation is the switch's guard.
        var before = plan.Declare.Count > 0 || view.Container is not { Running: true } ? new HostEdgeView(edge.Name, view.Container, await hosts.ListAsync(cancellationToken)) : view;

        var switched = new List<(string Host, ActiveRouteView? Previous)>();
        HealthVerdict verdict;
        try
        {
            await context.Containers.RunAsync(ContainerPlan.Release(spec, rollout.Stamp, rollout.SecretValues, ReleasePlacement.OnNetwork(spec.Id.Network)), cancellationToken);
            var clock = Stopwatch.StartNew();
            context.Log.Write(LogLevel.Information, $"Verifying {name} beside {serving?.Name ?? "nothing"} before switching {string.Join(", ", https.HostNames.Select(h => h.Value))}");
            verdict = await ContainerDiagnostics.RequireHealthyAsync(context, name, null, spec, still.NeverRouted, cancellationToken);
            foreach (var host in https.HostNames)
            {
                var route = before.Route(host.Value);
                var change = new RouteChange(EdgeRoutes.Upstream(name, config), spec.Version) { HealthPath = config.HealthPath, ExpectedGeneration = route?.Generation };
                await SwitchAsync(hosts, host.Value, new EdgeSwitchRequest(change, name, Deadline.Left(config.DeployTimeout, clock.Elapsed, Deadline.SwitchFloor), options.SwitchRetryInterval, still));
                switched.Add((host.Value, route?.Active));
            }
        }
        catch
        {
            // Any host's switch may have been applied though its answer was lost: every host is read again before removing.
            await UncertainHostSwitch.RemoveUnlessRoutedAsync(context, hosts, [.. https.HostNames.Select(h => (h.Value, before.Route(h.Value)?.Active))], name, EdgeRoutes.Upstream(name, config));
            throw;
        }
        context.Log.Write(LogLevel.Information, $"{edge.Name} routes {string.Join(", ", switched.Select(s => s.Host))} to {name} ({spec.Version})");
        await FollowOnOwnEdgeAsync(context, rollout.Snapshot.Edge, name, config, spec.Version);

        var previousUpstream = switched.Select(s => s.Previous?.Upstream).FirstOrDefault(u => u is not null);
        var drains = switched.Where(s => s.Previous is not null).Select(s => Drain(hosts, s.Host, s.Previous!.Upstream)).ToList();
        var summary = await DeployEdge.RetireAsync(context, RetirePlan.Decide(previousUpstream, serving, name), config.DrainTimeout, drains);
        return new RolloutResult(name, previousUpstream is null ? null : TimeSpan.Zero, verdict)
        {
            Endpoint = Endpoint(https),
            Summary = $"switched at {edge.Name} (no gap){summary}",
            Certificates = HostDeclarationStep.HistoryNote(view, certificates),
        };
    }

    /// <summary>Where the first host answers: https on the HTTPS port, or http on the HTTP port when TLS is off.</summary>
    public static Uri Endpoint(EnvironmentHttps https) => https.Tls == HostTlsMode.Off
        ? new UriBuilder(Uri.UriSchemeHttp, https.HostNames[0].Value, https.HttpPort).Uri
        : new UriBuilder(Uri.UriSchemeHttps, https.HostNames[0].Value, https.HttpsPort).Uri;

    private static async Task SwitchAsync(EdgeAdminClient hosts, string host, EdgeSwitchRequest request)
    {
        var change = request.Change;
        try
        {
            if (change.HealthPath is null)
                await hosts.SwitchAsync(host, change);
            else
                await hosts.SwitchWhenHealthyAsync(host, change, request.Timeout, request.RetryInterval);
        }
        catch (EdgeAdminException e)
        {
            throw new DeployException($"{change.Version} was not switched in for {host}: {request.Why(e, host)}. It was removed; {request.Still}.", e);
        }
    }

    private static EdgeDrain Drain(EdgeAdminClient hosts, string host, string upstream) =>
        new(host, upstream, timeout => hosts.WaitForDrainAsync(host, upstream, timeout));

    /// <summary>An environment moving to the shared edge may still have its own per-port edge: it follows, so that port never serves a stopped release.</summary>
    private static async Task FollowOnOwnEdgeAsync(DeployContext context, EdgeView? own, string name, EnvironmentConfig config, string version)
    {
        if (own is null)
            return;
        try
        {
            using var admin = own.Running.CreateClient();
            await admin.SwitchAsync(new RouteChange(EdgeRoutes.Upstream(name, config), version));
            context.Log.Write(LogLevel.Information, $"The environment's own edge {own.Running.Container} routes to {name} too (remove it when nothing uses its port any more: docker rm -f {own.Running.Container})");
        }
        catch (Exception e) when (e is HttpRequestException or EdgeAdminException)
        {
            context.Log.Write(LogLevel.Warning, $"Could not switch the environment's own edge {own.Running.Container}: {e.Message}");
        }
    }
}
