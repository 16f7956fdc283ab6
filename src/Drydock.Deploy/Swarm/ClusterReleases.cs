using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Deploy and Rollback of a swarm environment through its manager (the engine the docker CLI reaches: <c>"host"</c>),
/// read → decide → act: <see cref="ClusterReader"/> reads the cluster once under the environment's lock,
/// <see cref="ClusterReleasePlan"/>, <see cref="ClusterEdge"/> and <see cref="ClusterChoices"/> decide, then this acts.
/// A release is a new service beside the serving one; it takes traffic only through its healthy tasks (see
/// <see cref="ClusterEdge"/>); once all its tasks are healthy the old release is scaled to 0 (kept for rollback), and a
/// release that never gets there is removed while the old one keeps serving. Lock and history live on the manager, so a
/// fresh runner sees everything.
/// </summary>
public sealed class ClusterReleases(DockerCli manager, IBuildLog log, ReleaseManagerOptions options, IReleaseHistory history)
{
    /// <summary>
    /// How long a release's tasks are left healthy in Swarm's DNS before the old release is scaled down. A task's record
    /// and its overlay path reach the other nodes by gossip a moment after Docker's check passed; measured here, an edge
    /// on another node could not connect to just-healthy tasks for about 2.5 s. Without this pause, scaling the old
    /// release down in that moment left those edges with nothing to connect to.
    /// </summary>
    public static readonly TimeSpan DiscoverySettle = TimeSpan.FromSeconds(6);

    /// <summary>How much longer than the drain timeout a retired release's tasks may take to stop (the kill, the task's report to the manager).</summary>
    private static readonly TimeSpan RetireMargin = TimeSpan.FromSeconds(20);

    private readonly ClusterReader _reader = new(manager, history);
    private readonly ClusterConvergence _converge = new(manager, options.Time, options.HealthPollInterval * 2);
    private readonly EnvironmentContainers _containers = new(manager);

    public async Task<DeployResult> DeployAsync(ReleaseSpec spec, CancellationToken cancellationToken)
    {
        var clock = options.Time.GetTimestamp();
        var pullRepository = PullRepository(spec);
        log.Write(LogLevel.Information, $"Deploying {spec.App} {spec.Version} ({pullRepository}@{spec.Digest}) to the swarm environment {spec.Environment}");
        var edgeImage = await ClusterEdgeImage.EnsureAsync(manager, log, options.Edge, pullRepository, cancellationToken);
        await using var environmentLock = await LockAsync(spec.Id, $"deploy {spec.Version}", spec.Config.LockTimeout, cancellationToken);
        var snapshot = await _reader.ReadAsync(spec.Id, cancellationToken);
        if (ClusterChoices.AlreadyServes(snapshot, spec))
        {
            log.Write(LogLevel.Information, $"{spec.App} {spec.Version} already serves {spec.Environment} from {snapshot.Active!.Name} with this configuration: nothing to do");
            return new DeployResult(spec, snapshot.Active.Name, options.Time.GetElapsedTime(clock)) { Unchanged = true };
        }
        return await ReleaseAsync(spec, ReleaseAction.Deploy, snapshot, edgeImage, clock, cancellationToken);
    }

    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        var clock = options.Time.GetTimestamp();
        await using var environmentLock = await LockAsync(request.Id, $"rollback to {request.ToVersion ?? "the previous release"}", request.Config.LockTimeout, cancellationToken);
        var snapshot = await _reader.ReadAsync(request.Id, cancellationToken);
        var choice = await RollbackStep.ChooseAsync((tags, available) => ClusterChoices.Rollback(snapshot, request.ToVersion, tags, available), request, options.Tags, cancellationToken);
        var from = snapshot.Active?.Version ?? "nothing";
        switch (choice)
        {
            case RollbackChoice.Nothing nothing:
                log.Write(LogLevel.Warning, nothing.Message);
                return new RollbackResult(false, nothing.Message);
            case RollbackChoice.Unknown unknown:
                throw new DeployException(unknown.Message + " Nothing was changed.");
            case RollbackChoice.Target target when ClusterChoices.Holding(snapshot, target.Spec) is { } kept:
                return await ScaleBackAsync(request, snapshot, kept, clock, cancellationToken);
            case RollbackChoice.Target target:
                return await RecreateAsync(RollbackPlan.Spec(target.Spec, request.Config, strategyOwnsPort: true), target.Source, snapshot, clock, cancellationToken);
            case RollbackChoice.FromRegistry fromRegistry:
                var spec = await RollbackStep.FromRegistryAsync(request, fromRegistry.Version, options.Tags!, cancellationToken);
                return await RecreateAsync(spec, RollbackSource.Registry, snapshot, clock, cancellationToken);
            default:
                throw new InvalidOperationException($"Unexpected rollback choice {choice} (rolling back from {from}).");
        }
    }

    /// <summary>A retained release scaled back up, health first; the current one scaled to 0 only once all its tasks are healthy.</summary>
    private async Task<RollbackResult> ScaleBackAsync(RollbackRequest request, ClusterSnapshot snapshot, ClusterRelease target, long clock, CancellationToken cancellationToken)
    {
        var spec = target.Recorded!.Spec;
        var replicas = ClusterChoices.Replicas(spec.Config);
        var from = snapshot.Active?.Version ?? "nothing";
        log.Write(LogLevel.Information, $"Rolling {request.Environment} back from {from} to {spec.Version} ({target.Name}, scaled from 0 to {replicas})");
        var stamp = new ReleaseStamp(target.Recorded.Stamp.ReleaseId, options.Time.GetUtcNow(), ProcessIdentity.Actor(options.ReadEnvironment), ReleaseAction.Rollback, spec.Digest);
        var record = HistoryRecord.Succeeded(spec, stamp) with { PreviousVersion = snapshot.Active?.Version, Container = target.Name };
        await manager.ExecuteAsync(new DockerServiceScaleSettings(target.Name, replicas), echoOutput: false, cancellationToken: cancellationToken);
        var converged = await _converge.RunningAsync(target.Name, replicas, request.Config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
        {
            await manager.ExecuteAsync(new DockerServiceScaleSettings(target.Name, 0), echoOutput: false, cancellationToken: CancellationToken.None);
            var message = $"{spec.Version} did not get {replicas} healthy task(s) back: {string.Join("; ", converged.Problems)}. It is scaled to 0 again; {from} kept serving.";
            await AppendQuietlyAsync(record with { Outcome = ReleaseOutcome.Failed, Message = message, DurationSeconds = Elapsed(clock) });
            throw new DeployException(message);
        }
        await Task.Delay(DiscoverySettle, options.Time, cancellationToken);
        await RetireAsync(snapshot, target.Name, spec.Config.DrainTimeout, cancellationToken);
        await AppendQuietlyAsync(record with { DurationSeconds = Elapsed(clock) });
        var deploy = new DeployResult(spec, target.Name, options.Time.GetElapsedTime(clock)) { Action = ReleaseAction.Rollback, ReplacedVersion = snapshot.Active?.Version };
        log.Write(LogLevel.Information, $"Rolled {request.Environment} back from {from} to {spec.Version} in {Elapsed(clock):0.0}s");
        return new RollbackResult(true, $"Rolled {request.Environment} back from {from} to {spec.Version}.") { Deploy = deploy, Source = RollbackSource.RetainedContainer };
    }

    /// <summary>A version no retained service holds (pruned, or removed by hand): created again from its digest, exactly like a deploy.</summary>
    private async Task<RollbackResult> RecreateAsync(ReleaseSpec spec, RollbackSource source, ClusterSnapshot snapshot, long clock, CancellationToken cancellationToken)
    {
        var from = snapshot.Active?.Version ?? "nothing";
        var pullRepository = PullRepository(spec);
        log.Write(LogLevel.Information, $"Rolling {spec.Environment} back from {from} to {spec.Version}: no retained service holds it, so it is created again ({pullRepository}@{spec.Digest}, from the {RollbackStep.Describe(source)})");
        var edgeImage = await ClusterEdgeImage.EnsureAsync(manager, log, options.Edge, pullRepository, cancellationToken);
        var deploy = await ReleaseAsync(spec, ReleaseAction.Rollback, snapshot, edgeImage, clock, cancellationToken);
        return new RollbackResult(true, $"Rolled {spec.Environment} back from {from} to {spec.Version}.") { Deploy = deploy, Source = source };
    }

    /// <summary>
    /// A new release service beside the serving one: health first (all its tasks healthy), a pause for Swarm's DNS to
    /// reach every node, then the old release scaled to 0 and kept. One that never gets there is removed; the old one never stopped.
    /// </summary>
    private async Task<DeployResult> ReleaseAsync(ReleaseSpec spec, ReleaseAction action, ClusterSnapshot snapshot, string edgeImage, long clock, CancellationToken cancellationToken)
    {
        var stamp = new ReleaseStamp(ReleaseNames.NewReleaseId(), options.Time.GetUtcNow(), ProcessIdentity.Actor(options.ReadEnvironment), action, spec.Digest);
        var decision = ClusterReleasePlan.Decide(snapshot, spec, stamp, PullRepository(spec));
        if (decision.Refused)
            throw new DeployException(decision.Refusal!);

        await EnsureNetworkAsync(spec.Id, cancellationToken);
        if (decision.Placement!.NodeLabel is { } label)
        {
            log.Write(LogLevel.Information, $"Node {label.Node} holds {spec.Id.DataVolume} from now on (label {label.Key})");
            await manager.ExecuteAsync(new DockerNodeUpdateSettings(label.Node) { AddLabels = new Dictionary<string, string> { [label.Key] = label.Value } }, echoOutput: false, cancellationToken: cancellationToken);
        }
        await EnsureEdgeAsync(snapshot, spec.Config, edgeImage, cancellationToken);

        var service = decision.Service!;
        var record = HistoryRecord.Succeeded(spec, stamp) with { PreviousVersion = snapshot.Active?.Version, Container = service.Name };
        await CreateAsync(service, cancellationToken);
        var replicas = service.Replicas ?? 1;
        var converged = await _converge.RunningAsync(service.Name, replicas, spec.Config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
        {
            await manager.RemoveServicesAsync(new DockerServiceRmSettings(service.Name), CancellationToken.None);
            var message = $"{spec.App} {spec.Version} did not get {replicas} healthy task(s) within {spec.Config.DeployTimeout.TotalSeconds:0}s ({converged.Running} running): " +
                          $"{string.Join("; ", converged.Problems)}. Its service was removed; {snapshot.Active?.Version ?? "nothing"} kept serving.";
            await AppendQuietlyAsync(record with { Outcome = ReleaseOutcome.Failed, Message = message, DurationSeconds = Elapsed(clock) });
            throw new DeployException(message);
        }
        await Task.Delay(DiscoverySettle, options.Time, cancellationToken);
        await RetireAsync(snapshot, service.Name, spec.Config.DrainTimeout, cancellationToken);
        await AppendQuietlyAsync(record with { DurationSeconds = Elapsed(clock) });
        await PruneAsync(snapshot, service.Name, spec.Config.KeepReleases);
        log.Write(LogLevel.Information, $"{(action == ReleaseAction.Rollback ? "Rolled back to" : "Deployed")} {spec.App} {spec.Version} on {spec.Environment} in {Elapsed(clock):0.0}s: {replicas} healthy task(s) of {service.Name}" +
                                        (snapshot.Active is { } old ? $"; {old.Version} scaled to 0 (kept for rollback)" : string.Empty));
        return new DeployResult(spec, service.Name, options.Time.GetElapsedTime(clock)) { Action = action, ReplacedVersion = snapshot.Active?.Version };
    }

    /// <summary>The repository as the nodes pull it; the embedded loopback registry is refused (before anything changed) with the fix.</summary>
    private static string PullRepository(ReleaseSpec spec)
    {
        var (pullRepository, refusal) = RegistryReach.PullRepository(spec.Repository, spec.Config.RegistryPull);
        return pullRepository ?? throw new DeployException(refusal!);
    }

    /// <summary>The cluster as Status shows it: nodes (down ones named), replicas per node, the active release, drift.</summary>
    public async Task<ClusterEnvironmentStatus> StatusAsync(EnvironmentId id, CancellationToken cancellationToken)
    {
        var snapshot = await _reader.ReadAsync(id, cancellationToken);
        return new ClusterEnvironmentStatus(snapshot.Status, snapshot.Active, snapshot.Retained, ClusterChoices.Drift(snapshot), snapshot.History.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded));
    }

    /// <summary>
    /// Every other scaled-up release goes to 0: Swarm takes its tasks out of the DNS, then stops them with the drain
    /// timeout as grace. Waited for, so that when the command ends only the new release answers (an edge's kept-alive
    /// connection to an old task ends with the task).
    /// </summary>
    private async Task RetireAsync(ClusterSnapshot snapshot, string serving, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var retired = snapshot.Releases.Where(r => r.Active && r.Name != serving).Select(r => r.Name).ToArray();
        foreach (var old in retired)
            await manager.ExecuteAsync(new DockerServiceScaleSettings(old, 0), echoOutput: false, cancellationToken: cancellationToken);
        var down = snapshot.Nodes.Where(n => !n.IsAvailable).Select(n => n.Hostname).ToHashSet(StringComparer.Ordinal);
        foreach (var old in retired)
        {
            if (!await _converge.StoppedAsync(old, down, drainTimeout + RetireMargin, cancellationToken))
                log.Write(LogLevel.Warning, $"{old} is scaled to 0 but a task of it still ran {(drainTimeout + RetireMargin).TotalSeconds:0}s later; Swarm stops it on its own");
        }
    }

    private async Task PruneAsync(ClusterSnapshot snapshot, string serving, int keep)
    {
        var remove = ClusterChoices.Prune(snapshot, serving, keep);
        if (remove.Count == 0)
            return;
        log.Write(LogLevel.Information, $"Removing releases beyond keepReleases {keep}: {string.Join(", ", remove)}");
        var result = await manager.ExecuteAsync(new DockerServiceRmSettings(remove), throwOnError: false, echoOutput: false);
        if (!result.Succeeded)
            log.Write(LogLevel.Warning, $"Pruning old releases failed (the next deploy tries again): {result.Error}");
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
        await CreateAsync(wanted, cancellationToken);
        var converged = await _converge.OnEveryNodeAsync(wanted.Name, config.DeployTimeout, cancellationToken);
        if (!converged.Reached)
            throw new DeployException($"The edge service {wanted.Name} did not start on every node: {string.Join("; ", converged.Problems)}. Nothing else was changed.");
    }

    /// <summary><c>docker service create</c>, failing with what docker said (a refused spec, an image the manager cannot resolve).</summary>
    private async Task CreateAsync(DockerServiceCreateSettings settings, CancellationToken cancellationToken)
    {
        var result = await manager.ExecuteAsync(settings, throwOnError: false, echoOutput: false, cancellationToken: cancellationToken);
        if (!result.Succeeded)
            throw new DeployException($"docker service create {settings.Name} failed: {result.Error.Trim()}");
    }

    private Task<DeployLock> LockAsync(EnvironmentId id, string operation, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        DeployLock.AcquireAsync(_containers, log, options.Time,
            new LockRequest(id, operation, ProcessIdentity.Actor(options.ReadEnvironment), lockTimeout) { ProcessStartedAt = options.ProcessStartedAt }, cancellationToken);

    private async Task AppendQuietlyAsync(HistoryRecord record)
    {
        try
        {
            await history.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException or IOException)
        {
            log.Write(LogLevel.Warning, $"Could not record the {record.Action.ToString().ToLowerInvariant()} of {record.Version} in the history: {e.Message}");
        }
    }

    private double Elapsed(long clock) => options.Time.GetElapsedTime(clock).TotalSeconds;
}
