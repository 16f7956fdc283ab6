using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Place, route and retire on a cluster: a release service comes up health first (all its tasks healthy), Swarm's DNS
/// is given a moment to reach every node, then every other scaled-up release goes to 0 and is kept. One that never gets
/// there is removed (or scaled to 0 again, when it was a retained one); the old release never stopped.
/// </summary>
public sealed class ClusterRollout(DeployContext context, ReleaseManagerOptions options)
{
    private readonly DockerCli manager = context.Containers.Docker;
    private readonly IBuildLog log = context.Log;

    /// <summary>
    /// How long a release's tasks are left healthy in Swarm's DNS before the old release is scaled down. A task's record
    /// and its overlay path reach the other nodes by gossip a moment after Docker's check passed; measured here, an edge
    /// on another node could not connect to just-healthy tasks for about 2.5 s. Without this pause, scaling the old
    /// release down in that moment left those edges with nothing to connect to.
    /// </summary>
    public static readonly TimeSpan DiscoverySettle = TimeSpan.FromSeconds(6);

    /// <summary>How much longer than the drain timeout a retired release's tasks may take to stop (the kill, the task's report to the manager).</summary>
    private static readonly TimeSpan RetireMargin = TimeSpan.FromSeconds(20);

    private readonly ClusterConvergence _converge = new(context.Containers.Docker, options.Time, options.HealthPollInterval * 2);

    /// <summary>A new release service beside the serving one (its network, data-volume node label and the edge service first).</summary>
    public async Task<RolloutResult> CreateAsync(PlatformRollout<ClusterSnapshot> rollout, string pullRepository, string edgeImage, CancellationToken cancellationToken)
    {
        var (spec, _, stamp, snapshot) = rollout;
        var decision = ClusterReleasePlan.Decide(snapshot, spec, stamp, pullRepository);
        if (decision.Refused)
            throw new DeployException(decision.Refusal!);

        await EnsureNetworkAsync(spec.Id, cancellationToken);
        if (decision.Placement!.NodeLabel is { } label)
        {
            log.Write(LogLevel.Information, $"Node {label.Node} holds {spec.Id.DataVolume} from now on (label {label.Key})");
            await manager.ExecuteAsync(new DockerNodeUpdateSettings(label.Node) { AddLabels = new Dictionary<string, string> { [label.Key] = label.Value } }, echoOutput: false, cancellationToken: cancellationToken);
        }
        await EnsureEdgeAsync(snapshot, spec.Config, edgeImage, cancellationToken);

        // The previous release's baseline is read before the new one takes any traffic.
        var verification = ClusterVerification.Applies(spec, stamp.Action, snapshot) ? new ClusterVerification(manager, context, spec.Config.Verification) : null;
        var baseline = verification is null ? null : await verification.BaselineAsync(snapshot, cancellationToken);
        var service = decision.Service!;
        var clock = options.Time.GetTimestamp();
        await CreateServiceAsync(service, cancellationToken);
        var replicas = service.Replicas ?? 1;
        var converged = await _converge.RunningAsync(service.Name, replicas, spec.Config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
        {
            await manager.RemoveServicesAsync(new DockerServiceRmSettings(service.Name), CancellationToken.None);
            throw new ReleaseFailedException(service.Name,
                $"{spec.App} {spec.Version} did not get {replicas} healthy task(s) within {spec.Config.DeployTimeout.TotalSeconds:0}s ({converged.Running} running): " +
                $"{string.Join("; ", converged.Problems)}. Its service was removed; {snapshot.Active?.Version ?? "nothing"} kept serving.");
        }
        var switched = await SwitchAsync(snapshot, spec, service.Name, (replicas, "", clock), cancellationToken);
        return verification is null ? switched : switched with { Verification = await VerifyAsync(verification, snapshot, spec, service.Name, baseline, cancellationToken) };
    }

    /// <summary>The window once the new release serves alone; a failure (or Ctrl-C, the release never judged) brings the previous one back and throws.</summary>
    private async Task<VerificationVerdict> VerifyAsync(ClusterVerification verification, ClusterSnapshot snapshot, ReleaseSpec spec, string name, TrafficSample? baseline, CancellationToken cancellationToken)
    {
        WindowStep step;
        try
        {
            step = await verification.WatchAsync(snapshot, spec, name, baseline, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await RevertAsync(snapshot, spec, name);
            throw;
        }
        if (step is WindowStep.Promote(var passed))
        {
            log.Write(LogLevel.Information, $"{spec.Version} {passed.Describe()}");
            return passed;
        }
        var verdict = ((WindowStep.Revert)step).Verdict;
        var back = await RevertAsync(snapshot, spec, name);
        throw new VerificationFailedException(verdict, name,
            $"{spec.Version} {verdict.Describe()}. {back}{name} was scaled to 0 and kept for inspection (docker service logs {name}).");
    }

    /// <summary>The previous release scaled back up health first, then the new one to 0; says what it did. Never leaves nothing serving.</summary>
    private async Task<string> RevertAsync(ClusterSnapshot snapshot, ReleaseSpec spec, string name)
    {
        var previous = snapshot.Active!;
        var replicas = previous.Service.Replicas ?? 1;
        await manager.ExecuteAsync(new DockerServiceScaleSettings(previous.Name, replicas), echoOutput: false, cancellationToken: CancellationToken.None);
        var converged = await _converge.RunningAsync(previous.Name, replicas, spec.Config.DeployTimeout, CancellationToken.None);
        if (!converged.Reached)
        {
            log.Write(LogLevel.Error, $"{previous.Name} did not get {replicas} healthy task(s) back: {string.Join("; ", converged.Problems)}");
            return $"{previous.Version} did not come back healthy ({string.Join("; ", converged.Problems)}), so {name} keeps serving; ";
        }
        await Task.Delay(DiscoverySettle, options.Time, CancellationToken.None);
        await RetireAsync(snapshot, [name], spec.Config.DrainTimeout, CancellationToken.None);
        return $"{previous.Version} ({previous.Name}) serves again. ";
    }

    /// <summary>A retained release scaled back up, health first; the current one scaled to 0 only once all its tasks are healthy.</summary>
    public async Task<RolloutResult> ScaleBackAsync(PlatformRollout<ClusterSnapshot> rollout, ClusterRelease target, CancellationToken cancellationToken)
    {
        var (spec, snapshot) = (rollout.Spec, rollout.State);
        var replicas = ClusterChoices.Replicas(spec.Config);
        var clock = options.Time.GetTimestamp();
        await manager.ExecuteAsync(new DockerServiceScaleSettings(target.Name, replicas), echoOutput: false, cancellationToken: cancellationToken);
        var converged = await _converge.RunningAsync(target.Name, replicas, spec.Config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
        {
            await manager.ExecuteAsync(new DockerServiceScaleSettings(target.Name, 0), echoOutput: false, cancellationToken: CancellationToken.None);
            throw new ReleaseFailedException(target.Name,
                $"{spec.Version} did not get {replicas} healthy task(s) back: {string.Join("; ", converged.Problems)}. It is scaled to 0 again; {snapshot.Active?.Version ?? "nothing"} kept serving.");
        }
        return await SwitchAsync(snapshot, spec, target.Name, (replicas, ", scaled back from 0", clock), cancellationToken);
    }

    /// <summary>The new release's tasks are in the DNS: a pause for it to reach every node, then the others retired.</summary>
    private async Task<RolloutResult> SwitchAsync(ClusterSnapshot snapshot, ReleaseSpec spec, string serving, (int Replicas, string How, long Clock) placed, CancellationToken cancellationToken)
    {
        await Task.Delay(DiscoverySettle, options.Time, cancellationToken);
        await RetireAsync(snapshot, [.. snapshot.Releases.Where(r => r.Active && r.Name != serving).Select(r => r.Name)], spec.Config.DrainTimeout, cancellationToken);
        var health = new HealthVerdict(true, $"{placed.Replicas} healthy task(s)", options.Time.GetElapsedTime(placed.Clock));
        return new RolloutResult(serving, null, health)
        {
            Summary = $"{placed.Replicas} healthy task(s) of {serving}{placed.How}" + (snapshot.Active is { } old && old.Name != serving ? $"; {old.Version} scaled to 0 (kept for rollback)" : string.Empty),
        };
    }

    /// <summary>
    /// The <paramref name="retired"/> releases go to 0: Swarm takes their tasks out of the DNS, then stops them with the
    /// drain timeout as grace. Waited for (except on nodes that are down), so that when the command ends only the
    /// serving release answers (an edge's kept-alive connection to an old task ends with the task).
    /// </summary>
    private async Task RetireAsync(ClusterSnapshot snapshot, IReadOnlyList<string> retired, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        foreach (var old in retired)
            await manager.ExecuteAsync(new DockerServiceScaleSettings(old, 0), echoOutput: false, cancellationToken: cancellationToken);
        var down = snapshot.Nodes.Where(n => !n.IsAvailable).Select(n => n.Hostname).ToHashSet(StringComparer.Ordinal);
        foreach (var old in retired)
        {
            if (!await _converge.StoppedAsync(old, down, drainTimeout + RetireMargin, cancellationToken))
                log.Write(LogLevel.Warning, $"{old} is scaled to 0 but a task of it still ran {(drainTimeout + RetireMargin).TotalSeconds:0}s later; Swarm stops it on its own");
        }
    }

    private async Task EnsureNetworkAsync(EnvironmentId id, CancellationToken cancellationToken)
    {
        var exists = await manager.ExecuteAsync(new DockerNetworkInspectSettings(id.OverlayNetwork()), throwOnError: false, echoOutput: false, cancellationToken: cancellationToken);
        if (!exists.Succeeded)
            await manager.CreateNetworkAsync(new DockerNetworkCreateSettings(id.OverlayNetwork()) { Driver = "overlay", Attachable = true, Labels = ReleaseLabels.Owner(id, "network") }, cancellationToken);
    }

    private async Task EnsureEdgeAsync(ClusterSnapshot snapshot, EnvironmentConfig config, string edgeImage, CancellationToken cancellationToken)
    {
        var wanted = ClusterEdge.Settings(snapshot.Id, config, edgeImage);
        if (snapshot.Edge is { } edge)
        {
            if (ClusterEdge.Outdated(edge, wanted) is { } difference)
                log.Write(LogLevel.Warning, $"The edge service {edge.Name} was made from other settings ({difference}); it keeps serving. Replacing it frees each node's port for a moment: docker service rm {edge.Name}, then Deploy.");
            return;
        }
        log.Write(LogLevel.Information, $"Creating the edge service {wanted.Name}: one edge per node on port {config.HostPort} (host mode), routing to {snapshot.Id.ActiveAlias()}");
        await CreateServiceAsync(wanted, cancellationToken);
        var converged = await _converge.OnEveryNodeAsync(wanted.Name, config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
            throw new DeployException($"The edge service {wanted.Name} did not start on every node: {string.Join("; ", converged.Problems)}. Nothing else was changed.");
    }

    /// <summary><c>docker service create</c>, failing with what docker said (a refused spec, an image the manager cannot resolve).</summary>
    private async Task CreateServiceAsync(DockerServiceCreateSettings settings, CancellationToken cancellationToken)
    {
        var result = await manager.ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken: cancellationToken);
        if (!result.Succeeded)
            throw new DeployException($"docker service create {settings.Name} failed: {result.Error.Trim()}");
    }
}
