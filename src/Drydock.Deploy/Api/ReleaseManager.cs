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

    /// <summary>Deploy, Rollback and Status of a <c>"platform": "swarm"</c> environment, through the manager this engine is.</summary>
    private ClusterReleases Cluster => new(_docker, _log, _options, _history);

    /// <summary>A swarm environment's nodes, replicas per node, releases and drift (<see cref="ClusterEnvironmentStatus"/>).</summary>
    public Task<ClusterEnvironmentStatus> ClusterStatusAsync(EnvironmentId environment, CancellationToken cancellationToken = default) =>
        Cluster.StatusAsync(environment, cancellationToken);

    private HostEdgeStrategy HostEdgeStrategyFor(EnvironmentHttps https)
    {
        https.Validate();
        var edge = _options.Edge ?? throw new DeployException("Host names need the host-wide edge: set ReleaseManagerOptions.Edge (where the edge image is built from). Nothing was changed.");
        return new HostEdgeStrategy(new HostWideEdge(_docker, _log, edge), _edge, https, edge);
    }

    private SecretMasker? Masker => _options.Masker ?? _docker.Masker;

    /// <summary>Deploys <c>repository@digest</c> health first; throws <see cref="DeployException"/> with the old release still serving when it fails.</summary>
    public async Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        var clock = _options.Time.GetTimestamp();
        var spec = request.ToSpec();
        spec.Validate();
        if (spec.Config.Platform == DeployPlatform.Swarm)
            return await Cluster.DeployAsync(spec, cancellationToken);
        // Before anything changes: a missing secret must not cost the running release anything.
        var secrets = SecretEnvironment.Resolve(spec.Config.SecretEnv, _options.ReadEnvironment, Masker);
        var strategy = StrategyFor(spec.Config);
        _log.Write(LogLevel.Information, $"Deploying {spec.App} {spec.Version} ({spec.ImageReference}) to {spec.Environment} with the {strategy.Name} strategy");
        var imageId = await ReleaseImage.EnsureAsync(_docker, _log, spec, cancellationToken);
        await using var environmentLock = await AcquireLockAsync(spec.Id, $"deploy {spec.Version}", spec.Config.LockTimeout, cancellationToken);
        var snapshot = await ReadUnderLockAsync(strategy, spec.Id, spec.Config, cancellationToken);
        if (snapshot.Serving is { } serving && NoChangeCheck.Difference(serving.Recorded, spec) is null && strategy.Serves(snapshot, serving.Container, spec))
        {
            if (DriftHealing.Decide(await DriftAsync(snapshot, cancellationToken)) is { } heal)
            {
                _log.Write(LogLevel.Warning, heal);
                return await new ShipStep(_context, _history, _options).RunAsync(strategy, spec, imageId, secrets, ReleaseAction.Redeploy, clock, snapshot, cancellationToken);
            }
            _log.Write(LogLevel.Information, $"{spec.App} {spec.Version} ({HistoryTable.ShortDigest(spec.Digest)}) already serves {spec.Environment} from {serving.Name} with this configuration: nothing to do");
            return new DeployResult(spec, serving.Name, _options.Time.GetElapsedTime(clock)) { Unchanged = true, Action = ReleaseAction.Deploy, ReplacedVersion = null };
        }
        return await new ShipStep(_context, _history, _options).RunAsync(strategy, spec, imageId, secrets, ReleaseAction.Deploy, clock, snapshot, cancellationToken);
    }

    /// <summary>
    /// Recreates the previous release (or <see cref="RollbackRequest.ToVersion"/>) from its digest and recorded
    /// configuration, health first like a deploy. With nothing to roll back to it says so and changes nothing.
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Config.Platform == DeployPlatform.Swarm)
            return await Cluster.RollbackAsync(request, cancellationToken);
        var clock = _options.Time.GetTimestamp();
        var strategy = StrategyFor(request.Config);
        await using var environmentLock = await AcquireLockAsync(request.Id, $"rollback to {request.ToVersion ?? "the previous release"}", request.Config.LockTimeout, cancellationToken);
        var snapshot = await ReadUnderLockAsync(strategy, request.Id, request.Config, cancellationToken);
        var choice = await RollbackStep.ChooseAsync(snapshot, request, _options.Tags, cancellationToken);
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
                (spec, source) = (RollbackPlan.Spec(target.Spec, request.Config, strategy.OwnsPort), target.Source);
                break;
            default:
                throw new InvalidOperationException($"Unexpected rollback choice {choice}.");
        }

        spec.Validate();
        var from = snapshot.Serving is { } serving ? serving.Recorded?.Spec.Version ?? serving.Name : "nothing";
        _log.Write(LogLevel.Information, $"Rolling {request.Environment} back from {from} to {spec.Version} ({spec.ImageReference}, from the {RollbackStep.Describe(source)})");
        var secrets = SecretEnvironment.Resolve(spec.Config.SecretEnv, _options.ReadEnvironment, Masker);
        var imageId = await ReleaseImage.EnsureAsync(_docker, _log, spec, cancellationToken);
        var deploy = await new ShipStep(_context, _history, _options).RunAsync(strategy, spec, imageId, secrets, ReleaseAction.Rollback, clock, snapshot, cancellationToken);
        return new RollbackResult(true, $"Rolled {request.Environment} back from {from} to {spec.Version}.") { Deploy = deploy, Source = source };
    }

    /// <summary>Every deploy and rollback of the environment, oldest first.</summary>
    public Task<IReadOnlyList<HistoryRecord>> HistoryAsync(EnvironmentId environment, CancellationToken cancellationToken = default) =>
        _history.ReadAsync(environment, cancellationToken);

    /// <summary>What serves, its health and uptime, whether it is the last successful release, and drift.</summary>
    public async Task<EnvironmentStatus> StatusAsync(EnvironmentId environment, CancellationToken cancellationToken = default)
    {
        var snapshot = await _reader.ReadAsync(environment, cancellationToken);
        var (serving, last, lockContainer) = (snapshot.Serving, snapshot.LastSucceeded, snapshot.LockContainer);
        var lockInfo = lockContainer is null ? null : LockInfo.FromLabels(lockContainer.Labels, lockContainer.Created);
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
        await DriftAsync(await _reader.ReadAsync(environment, cancellationToken), cancellationToken);

    private async Task<DriftReport> DriftAsync(EnvironmentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (serving, last) = (snapshot.Serving?.Container, snapshot.LastSucceeded);
        if (serving is null)
            return last is null
                ? new DriftReport("-", [])
                : new DriftReport("-", [new DriftFinding(DriftKind.Release, "serving release", $"{last.Version} in {last.Container}", $"nothing serves {snapshot.Id.Name}")]);
        var image = await _docker.InspectImageAsync(serving.ImageId, cancellationToken);
        var changes = await _docker.DiffAsync(serving.Id, cancellationToken);
        return DriftDetector.Compare(serving, image?.Environment ?? [], changes, last);
    }

    /// <summary>
    /// Under the lock: read the environment, carry out the <see cref="RecoveryPlan"/> of an interrupted run, add the
    /// strategy's own view and let it repair its machinery. A step that changed something is followed by a new read.
    /// </summary>
    private async Task<EnvironmentSnapshot> ReadUnderLockAsync(IDeployStrategy strategy, EnvironmentId environment, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        var snapshot = await _reader.ReadAsync(environment, cancellationToken);
        if (RecoveryPlan.Decide(snapshot) is { NothingToDo: false } recovery)
        {
            await RecoveryStep.RunAsync(_context, environment, recovery, cancellationToken);
            snapshot = await _reader.RelistAsync(snapshot, cancellationToken);
        }
        snapshot = await strategy.ReadAsync(_context, snapshot, config, cancellationToken);
        if (await strategy.RepairAsync(_context, snapshot, config, cancellationToken))
            snapshot = await strategy.ReadAsync(_context, await _reader.RelistAsync(snapshot, cancellationToken), config, cancellationToken);
        if (HistoryReconciliation.Decide(snapshot) is { } interrupted)
        {
            await HistoryReconcileStep.RunAsync(_context, _history, interrupted, config.KeepReleases, cancellationToken);
            snapshot = await strategy.ReadAsync(_context, await _reader.ReadAsync(environment, cancellationToken), config, cancellationToken);
        }
        return snapshot;
    }

    private async Task<DeployLock> AcquireLockAsync(EnvironmentId environment, string operation, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        await DeployLock.AcquireAsync(_context.Containers, _log, _options.Time,
            new LockRequest(environment, operation, ProcessIdentity.Actor(_options.ReadEnvironment), lockTimeout) { ProcessStartedAt = _options.ProcessStartedAt },
            cancellationToken);
}
