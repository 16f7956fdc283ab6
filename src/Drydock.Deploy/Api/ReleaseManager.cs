using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Deploy, Rollback, Status, History and drift of one service's environments on the engine the docker CLI talks to
/// (DOCKER_HOST and contexts are respected). Everything an environment is lives on that engine: release containers
/// and their labels, the data and state volumes, the lock. So any runner, including a fresh CI runner, sees the same
/// releases and history. Each operation reads the environment once (<see cref="EnvironmentSnapshot"/>), decides with
/// pure planners, and acts in steps.
/// </summary>
public sealed class ReleaseManager
{
    private readonly DockerCli _docker;
    private readonly IBuildLog _log;
    private readonly ReleaseManagerOptions _options;
    private readonly IReleaseHistory _history;
    private readonly EnvironmentReader _reader;
    private readonly DeployContext _context;
    private readonly EnvironmentEdge? _edge;

    public ReleaseManager(DockerCli docker, IBuildLog log, ReleaseManagerOptions? options = null)
    {
        _docker = docker;
        _log = log;
        _options = options ?? new ReleaseManagerOptions();
        var containers = new EnvironmentContainers(docker);
        _history = _options.History ?? new VolumeReleaseHistory(containers, log);
        _reader = new EnvironmentReader(containers, _history);
        var health = new HealthWaiter(containers, _options.Probe ?? HttpHealthProbe.Shared, _options.Time, log) { PollInterval = _options.HealthPollInterval };
        _context = new DeployContext(containers, health, log, _options.Time);
        _edge = _options.Edge is { } edge ? new EnvironmentEdge(docker, log, edge) : null;
    }

    /// <summary><see cref="ReleaseManagerOptions.Strategy"/> when set; otherwise the environment's <see cref="EnvironmentConfig.Strategy"/>.</summary>
    private IDeployStrategy StrategyFor(EnvironmentConfig config) =>
        _options.Strategy ?? (_options.Https is { HostRouted: true } https ? (IDeployStrategy)HostEdgeStrategyFor(https) : null) ?? config.Strategy switch
        {
            DeployStrategyKind.Replace => new ReplaceStrategy(),
            _ => new EdgeStrategy(_edge ?? throw new DeployException(
                "The edge strategy needs ReleaseManagerOptions.Edge (where the edge image is built from); or set \"strategy\": \"replace\" for this environment. Nothing was changed."), _options.Edge!),
        };

    /// <summary>The platform of a <c>"platform": "swarm"</c> environment: the cluster whose manager this engine is.</summary>
    private SwarmPlatform Cluster => new(_context, _history, _options);

    private EnginePlatform Engine(EnvironmentConfig config) => new(_context, _history, _options, StrategyFor(config));

    private HostEdgeStrategy HostEdgeStrategyFor(EnvironmentHttps https)
    {
        https.Validate();
        var edge = _options.Edge ?? throw new DeployException("Host names need the host-wide edge: set ReleaseManagerOptions.Edge (where the edge image is built from). Nothing was changed.");
        return new HostEdgeStrategy(new HostWideEdge(_docker, _log, edge), _edge, https, edge);
    }

    /// <summary>Deploys <c>repository@digest</c> health first; throws <see cref="DeployException"/> with the old release still serving when it fails.</summary>
    public async Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        var spec = request.ToSpec();
        spec.Validate();
        spec = spec with { Id = await NamesAsync(spec.Id, cancellationToken) };
        return spec.Config.Platform == DeployPlatform.Swarm
            ? await DeployAsync(Cluster, spec, cancellationToken)
            : await DeployAsync(Engine(spec.Config), spec, cancellationToken);
    }

    /// <summary>
    /// Recreates the previous release (or <see cref="RollbackRequest.ToVersion"/>) from its digest and recorded
    /// configuration, health first like a deploy. With nothing to roll back to it says so and changes nothing.
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        request = request with { Id = await NamesAsync(request.Id, cancellationToken) };
        return request.Config.Platform == DeployPlatform.Swarm
            ? await RollbackAsync(Cluster, request, cancellationToken)
            : await RollbackAsync(Engine(request.Config), request, cancellationToken);
    }

    /// <summary>Prepare, lock, read (recovered), then nothing to do or <see cref="ShipStep"/>: the same on every platform.</summary>
    private async Task<DeployResult> DeployAsync<TState>(IReleasePlatform<TState> platform, ReleaseSpec spec, CancellationToken cancellationToken)
        where TState : IReleaseState
    {
        var clock = _options.Time.GetTimestamp();
        var prepared = await platform.PrepareAsync(spec, ReleaseAction.Deploy, cancellationToken);
        await OwnershipCheck.EnsureOwnAsync(_context.Containers, spec.Id, cancellationToken);
        await using var environmentLock = await AcquireLockAsync(spec.Id, $"deploy {spec.Version}", spec.Config.LockTimeout, cancellationToken);
        var state = await platform.ReadAsync(spec.Id, spec.Config, cancellationToken);
        if (await platform.DeployActionAsync(state, spec, cancellationToken) is { } action)
            return await new ShipStep(_log, _history, _options).RunAsync(platform, new ShipOrder<TState>(spec, prepared, action, state, clock), cancellationToken);
        _log.Write(LogLevel.Information, $"{spec.App} {spec.Version} ({HistoryTable.ShortDigest(spec.Digest)}) already serves {spec.Environment} from {state.ServingName} with this configuration: nothing to do");
        return new DeployResult(spec, state.ServingName!, _options.Time.GetElapsedTime(clock)) { Unchanged = true, Action = ReleaseAction.Deploy, ReplacedVersion = null };
    }

    /// <summary>Lock, read (recovered), choose the target (<see cref="RollbackStep"/>), prepare it, then <see cref="ShipStep"/>.</summary>
    private async Task<RollbackResult> RollbackAsync<TState>(IReleasePlatform<TState> platform, RollbackRequest request, CancellationToken cancellationToken)
        where TState : IReleaseState
    {
        var clock = _options.Time.GetTimestamp();
        if (LockTimeoutCheck.Problem(request.Config) is { } lockTimeout)
            throw new DeployException($"The environment configuration is invalid: {lockTimeout}. Nothing was changed.");
        await using var environmentLock = await AcquireLockAsync(request.Id, $"rollback to {request.ToVersion ?? "the previous release"}", request.Config.LockTimeout, cancellationToken);
        var state = await platform.ReadAsync(request.Id, request.Config, cancellationToken);
        var choice = await RollbackStep.ChooseAsync(state, request, _options.Tags, cancellationToken);
        ReleaseSpec spec;
        RollbackSource source;
        switch (choice)
        {
            case RollbackChoice.Nothing nothing:
                _log.Write(LogLevel.Warning, nothing.Message);
                return new RollbackResult(false, nothing.Message);
            case RollbackChoice.Unknown unknown:
                throw new DeployException(unknown.Message + " Nothing was changed.");
            case RollbackChoice.FromRegistry fromRegistry:
                (spec, source) = (await RollbackStep.FromRegistryAsync(request, fromRegistry.Version, _options.Tags!, cancellationToken), RollbackSource.Registry);
                break;
            case RollbackChoice.Target target:
                (spec, source) = (RollbackPlan.Spec(target.Spec, request.Config, platform.OwnsPort(request.Config)), target.Source);
                break;
            default:
                throw new InvalidOperationException($"Unexpected rollback choice {choice}.");
        }

        spec.Validate();
        var from = state.ServingRecord?.Spec.Version ?? state.ServingName ?? "nothing";
        _log.Write(LogLevel.Information, $"Rolling {request.Environment} back from {from} to {spec.Version}{platform.DescribeRollback(state, spec, source)}");
        var prepared = await platform.PrepareAsync(spec, ReleaseAction.Rollback, cancellationToken);
        var deploy = await new ShipStep(_log, _history, _options).RunAsync(platform, new ShipOrder<TState>(spec, prepared, ReleaseAction.Rollback, state, clock), cancellationToken);
        return new RollbackResult(true, $"Rolled {request.Environment} back from {from} to {spec.Version}.") { Deploy = deploy, Source = source };
    }

    /// <summary>
    /// Removes the environment under its lock (<see cref="RemoveStep"/>, <see cref="RemovalPlan"/>): its releases, edge,
    /// network and signals; its data and history stay unless asked with the confirmation. A second removal finds nothing.
    /// </summary>
    public async Task<RemoveResult> RemoveAsync(RemoveRequest request, CancellationToken cancellationToken = default)
    {
        if (RemovalConfirmation.Refusal(request) is { } refusal)
            throw new DeployException(refusal);
        request = request with { Id = await NamesAsync(request.Id, cancellationToken) };
        var step = new RemoveStep(_context.Containers, _log, _options.Edge?.HostEdgeName ?? HostEdgeSpec.DefaultName);
        RemovalPlan plan;
        await using (await AcquireLockAsync(request.Id, "remove", request.Config.LockTimeout, cancellationToken))
        {
            plan = RemovalPlan.Decide(await step.ListAsync(request.Id, request.Config.Platform == DeployPlatform.Swarm, cancellationToken), request.DeleteData);
            await step.RunAsync(plan, cancellationToken);
        }
        var summary = plan.Describe(request);
        _log.Write(LogLevel.Information, summary);
        return new RemoveResult(plan, summary);
    }

    /// <summary>Every deploy and rollback of the environment, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryRecord>> HistoryAsync(EnvironmentId environment, CancellationToken cancellationToken = default) =>
        await _history.ReadAsync(await NamesAsync(environment, cancellationToken), cancellationToken);

    /// <summary>What serves on <paramref name="platform"/>: a swarm's nodes, tasks and service drift in <see cref="EnvironmentStatus.Swarm"/>.</summary>
    public async Task<EnvironmentStatus> StatusAsync(EnvironmentId environment, DeployPlatform platform, CancellationToken cancellationToken = default) =>
        platform == DeployPlatform.Swarm
            ? await Cluster.StatusAsync(await NamesAsync(environment, cancellationToken), cancellationToken)
            : await StatusAsync(environment, cancellationToken);

    /// <summary>What serves, its health and uptime, whether it is the last successful release, and drift.</summary>
    public async Task<EnvironmentStatus> StatusAsync(EnvironmentId environment, CancellationToken cancellationToken = default)
    {
        environment = await NamesAsync(environment, cancellationToken);
        var snapshot = await _reader.ReadAsync(environment, cancellationToken);
        var (serving, last, lockContainer) = (snapshot.Serving, snapshot.LastSucceeded, snapshot.LockContainer);
        var lockInfo = lockContainer is null ? null
            : LockInfo.FromLabels(lockContainer.Labels, lockContainer.Created) with { Heartbeat = await LockHeartbeat.ReadAsync(_context.Containers, lockContainer.Id, cancellationToken) };
        return new EnvironmentStatus(environment.App, environment.Name)
        {
            Serving = serving?.Container,
            ServingRelease = serving?.Recorded,
            Uptime = serving is null ? null : _options.Time.GetUtcNow() - serving.Container.StartedAt,
            LastSucceeded = last,
            MatchesLastRelease = serving?.Recorded is { } recorded && last is not null
                && last.Digest == recorded.Spec.Digest && (last.Container is null || last.Container == serving.Name),
            Retained = snapshot.Retained.OrderByDescending(r => r.Stamp.DeployedAt).ToList(),
            Drift = await DriftAsync(snapshot, cancellationToken),
            Lock = lockInfo,
            LockStale = lockInfo is null ? null
                : LockStaleness.Decide(lockInfo, _options.Time.GetUtcNow(), ProcessIdentity.Host, _options.ProcessStartedAt, new EnvironmentConfig().LockTimeout),
            Edge = [.. _edge is null ? [] : await EdgeStatus.DescribeAsync(_edge, snapshot.EdgeContainer, cancellationToken),
                .. _options is { Https.HostRouted: true, Edge: { } edge } ? await HostEdgeStatus.DescribeAsync(new HostWideEdge(_docker, _log, edge), _options.Https, cancellationToken) : []],
        };
    }

    /// <summary>Whether what serves still matches its release (image, configuration, filesystem, history). Exit non-zero on <see cref="DriftReport.HasDrift"/>.</summary>
    public async Task<DriftReport> CheckDriftAsync(EnvironmentId environment, CancellationToken cancellationToken = default) =>
        await DriftAsync(await _reader.ReadAsync(await NamesAsync(environment, cancellationToken), cancellationToken), cancellationToken);

    /// <summary>The environment with its names in the form its own volumes on the engine have (<see cref="EnvironmentNaming"/>): resolved once per call.</summary>
    public Task<EnvironmentId> NamesAsync(EnvironmentId environment, CancellationToken cancellationToken = default) =>
        EnvironmentNaming.ResolveAsync(_context.Containers.Docker, environment, cancellationToken);

    private Task<DriftReport> DriftAsync(EnvironmentSnapshot snapshot, CancellationToken cancellationToken) =>
        EngineDrift.ReadAsync(_docker, snapshot, cancellationToken);

    private async Task<DeployLock> AcquireLockAsync(EnvironmentId environment, string operation, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        await DeployLock.AcquireAsync(_context.Containers, _log, _options.Time,
            new LockRequest(environment, operation, ProcessIdentity.Actor(_options.ReadEnvironment), lockTimeout) { ProcessStartedAt = _options.ProcessStartedAt },
            cancellationToken);
}
