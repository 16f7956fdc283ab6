using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Deploy, Rollback, Status, History and drift of one service's environments on the engine the docker CLI talks to
/// (DOCKER_HOST and contexts are respected). Everything an environment is lives on that engine: release containers
/// and their labels, the data and state volumes, the lock. So any runner, including a fresh CI runner, sees the same
/// releases and history.
/// </summary>
public sealed class ReleaseManager
{
    private readonly DockerCli _docker;
    private readonly IBuildLog _log;
    private readonly ReleaseManagerOptions _options;
    private readonly EnvironmentContainers _containers;
    private readonly IReleaseHistory _history;
    private readonly DeployContext _context;
    private readonly EnvironmentEdge? _edge;

    public ReleaseManager(DockerCli docker, IBuildLog log, ReleaseManagerOptions? options = null)
    {
        _docker = docker;
        _log = log;
        _options = options ?? new ReleaseManagerOptions();
        _containers = new EnvironmentContainers(docker);
        _history = _options.History ?? new VolumeReleaseHistory(_containers, log);
        var health = new HealthWaiter(_containers, _options.Probe ?? HttpHealthProbe.Shared, _options.Time, log) { PollInterval = _options.HealthPollInterval };
        _context = new DeployContext(_containers, health, log, _options.Time);
        _edge = _options.Edge is { } edge ? new EnvironmentEdge(docker, log, edge) : null;
    }

    /// <summary><see cref="ReleaseManagerOptions.Strategy"/> when set; otherwise the environment's <see cref="EnvironmentConfig.Strategy"/>.</summary>
    private IDeployStrategy StrategyFor(EnvironmentConfig config) =>
        _options.Strategy ?? config.Strategy switch
        {
            DeployStrategyKind.Replace => new ReplaceStrategy(),
            _ => new EdgeStrategy(_edge ?? throw new DeployException(
                "The edge strategy needs ReleaseManagerOptions.Edge (where the edge image is built from); or set \"strategy\": \"replace\" for this environment. Nothing was changed."), _options.Edge!),
        };

    private SecretMasker? Masker => _options.Masker ?? _docker.Masker;

    /// <summary>Deploys <c>repository@digest</c> health first; throws <see cref="DeployException"/> with the old release still serving when it fails.</summary>
    public async Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        var clock = _options.Time.GetTimestamp();
        var spec = request.ToSpec();
        spec.Validate();
        // Before anything changes: a missing secret must not cost the running release anything.
        var secrets = SecretEnvironment.Resolve(spec.Config.SecretEnv, _options.ReadEnvironment, Masker);
        var strategy = StrategyFor(spec.Config);
        _log.Write(LogLevel.Information, $"Deploying {spec.App} {spec.Version} ({spec.ImageReference}) to {spec.Environment} with the {strategy.Name} strategy");
        var imageId = await EnsureImageAsync(spec, cancellationToken);
        await using var environmentLock = await AcquireLockAsync(spec.App, spec.Environment, $"deploy {spec.Version}", spec.Config.LockTimeout, cancellationToken);
        var environment = await RecoverAsync(strategy, spec.App, spec.Environment, spec.Config, cancellationToken);
        if (await UnchangedAsync(strategy, spec, environment.Releases, clock, cancellationToken) is { } unchanged)
            return unchanged;
        return await ShipAsync(strategy, spec, imageId, secrets, ReleaseAction.Deploy, clock, environment.Releases, cancellationToken);
    }

    /// <summary>
    /// Recreates the previous release (or <see cref="RollbackRequest.ToVersion"/>) from its digest and recorded
    /// configuration, health first like a deploy. With nothing to roll back to it says so and changes nothing.
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        var clock = _options.Time.GetTimestamp();
        _ = ReleaseNames.Sanitize(request.App);
        _ = ReleaseNames.Sanitize(request.Environment);
        var strategy = StrategyFor(request.Config);
        await using var environmentLock = await AcquireLockAsync(request.App, request.Environment, $"rollback to {request.ToVersion ?? "the previous release"}", request.Config.LockTimeout, cancellationToken);
        var (releases, history) = await RecoverAsync(strategy, request.App, request.Environment, request.Config, cancellationToken);

        var serving = Serving(releases);
        var servingRelease = serving is null ? null : ReleaseLabels.Read(serving.Labels);
        var retained = releases.Where(c => !c.Running).Select(c => ReleaseLabels.Read(c.Labels)).OfType<RecordedRelease>().ToList();
        var choice = RollbackTargetSelector.Choose(request.Environment, request.ToVersion, servingRelease, retained, history, [], registryAvailable: false);
        // The registry is asked only for a version the environment itself does not know: a rollback to a release that
        // served here does not wait for it (nor fail when it is down).
        if (choice is RollbackChoice.Unknown && request.Repository is not null && _options.Tags is not null)
        {
            var tags = await _options.Tags.ListAsync(request.Repository, cancellationToken);
            choice = RollbackTargetSelector.Choose(request.Environment, request.ToVersion, servingRelease, retained, history, tags, registryAvailable: true);
        }

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
                var tagged = await _options.Tags!.FindAsync(request.Repository!, fromRegistry.Version, cancellationToken)
                    ?? throw new DeployException($"{fromRegistry.Version} is not in {request.Repository} and was never deployed to {request.Environment}. Nothing was changed.");
                spec = new ReleaseSpec(request.App, request.Environment, request.Repository!, tagged.Digest, fromRegistry.Version) { Commit = tagged.Commit, Config = request.Config };
                source = RollbackSource.Registry;
                break;
            case RollbackChoice.Target target:
                // The recorded configuration, with today's timeouts and retention (they govern this run, not the container).
                spec = target.Spec with
                {
                    Config = target.Spec.Config with
                    {
                        DeployTimeout = request.Config.DeployTimeout,
                        LockTimeout = request.Config.LockTimeout,
                        KeepReleases = request.Config.KeepReleases,
                        ProbeHost = request.Config.ProbeHost,
                        // How traffic reaches the release is today's choice: the edge holds today's port.
                        Strategy = request.Config.Strategy,
                        HostPort = strategy is EdgeStrategy ? request.Config.HostPort : target.Spec.Config.HostPort,
                        Bind = strategy is EdgeStrategy ? request.Config.Bind : target.Spec.Config.Bind,
                    },
                };
                source = target.Source;
                break;
            default:
                throw new InvalidOperationException($"Unexpected rollback choice {choice}.");
        }

        spec.Validate();
        var from = serving is null ? "nothing" : ReleaseLabels.Read(serving.Labels)?.Spec.Version ?? serving.Name;
        _log.Write(LogLevel.Information, $"Rolling {request.Environment} back from {from} to {spec.Version} ({spec.ImageReference}, from the {Describe(source)})");
        var secrets = SecretEnvironment.Resolve(spec.Config.SecretEnv, _options.ReadEnvironment, Masker);
        var imageId = await EnsureImageAsync(spec, cancellationToken);
        var deploy = await ShipAsync(strategy, spec, imageId, secrets, ReleaseAction.Rollback, clock, releases, cancellationToken);
        return new RollbackResult(true, $"Rolled {request.Environment} back from {from} to {spec.Version}.") { Deploy = deploy, Source = source };
    }

    /// <summary>Every deploy and rollback of the environment, oldest first.</summary>
    public Task<IReadOnlyList<HistoryRecord>> HistoryAsync(string app, string environment, CancellationToken cancellationToken = default) =>
        _history.ReadAsync(app, environment, cancellationToken);

    /// <summary>What serves, its health and uptime, whether it is the last successful release, and drift.</summary>
    public async Task<EnvironmentStatus> StatusAsync(string app, string environment, CancellationToken cancellationToken = default)
    {
        var releases = await _containers.ListAsync(app, environment, ContainerRole.Release, cancellationToken);
        var serving = Serving(releases);
        var history = await _history.ReadAsync(app, environment, cancellationToken);
        var last = history.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded);
        var recorded = serving is null ? null : ReleaseLabels.Read(serving.Labels);
        var lockContainer = await _containers.InspectAsync(ReleaseNames.Lock(app, environment), cancellationToken);
        return new EnvironmentStatus(app, environment)
        {
            Serving = serving,
            ServingRelease = recorded,
            Uptime = serving is null ? null : _options.Time.GetUtcNow() - serving.StartedAt,
            LastSucceeded = last,
            MatchesLastRelease = serving is not null && recorded is not null && last is not null
                && last.Digest == recorded.Spec.Digest && (last.Container is null || last.Container == serving.Name),
            Retained = releases.Where(c => !c.Running).Select(c => ReleaseLabels.Read(c.Labels)).OfType<RecordedRelease>()
                .OrderByDescending(r => r.Stamp.DeployedAt).ToList(),
            Drift = await DriftAsync(environment, serving, last, cancellationToken),
            Lock = lockContainer is null ? null : LockInfo.FromLabels(lockContainer.Labels, lockContainer.Created),
            Edge = _edge is null ? [] : await EdgeStatus.DescribeAsync(_edge, app, environment, cancellationToken),
        };
    }

    /// <summary>Whether what serves still matches its release (image, configuration, filesystem, history). Exit non-zero on <see cref="DriftReport.HasDrift"/>.</summary>
    public async Task<DriftReport> CheckDriftAsync(string app, string environment, CancellationToken cancellationToken = default)
    {
        var serving = Serving(await _containers.ListAsync(app, environment, ContainerRole.Release, cancellationToken));
        var history = await _history.ReadAsync(app, environment, cancellationToken);
        return await DriftAsync(environment, serving, history.LastOrDefault(r => r.Outcome == ReleaseOutcome.Succeeded), cancellationToken);
    }

    private async Task<DriftReport> DriftAsync(string environment, ContainerState? serving, HistoryRecord? last, CancellationToken cancellationToken)
    {
        if (serving is null)
            return last is null
                ? new DriftReport("-", [])
                : new DriftReport("-", [new DriftFinding(DriftKind.Release, "serving release", $"{last.Version} in {last.Container}", $"nothing serves {environment}")]);
        var image = await _docker.InspectImageAsync(serving.ImageId, cancellationToken);
        var changes = await _docker.DiffAsync(serving.Id, cancellationToken);
        return DriftDetector.Compare(serving, image?.Environment ?? [], changes, last);
    }

    /// <summary>An environment as a deploy or rollback found it under the lock: read once, since nothing else changes it meanwhile.</summary>
    private sealed record RecoveredEnvironment(IReadOnlyList<ContainerState> Releases, IReadOnlyList<HistoryRecord> History);

    /// <summary>
    /// Cleans up after an interrupted run (half-started containers, nothing running), then whatever the strategy's own
    /// machinery needs (e.g. the edge's route). Reads the environment once: every docker call is a process start, and
    /// on a loaded host each costs a tenth of a second that a rollback cannot spare.
    /// </summary>
    private async Task<RecoveredEnvironment> RecoverAsync(IDeployStrategy strategy, string app, string environment, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        _edge?.Forget();
        var listing = _containers.ListAsync(app, environment, role: null, cancellationToken);
        var reading = _history.ReadAsync(app, environment, cancellationToken);
        await Task.WhenAll(listing, reading);
        var (containers, history) = (await listing, await reading);
        var releases = await InterruptedRunRecovery.RecoverAsync(_context, app, environment, containers, cancellationToken)
            ? await _containers.ListAsync(app, environment, ContainerRole.Release, cancellationToken)
            : containers.Where(c => ReleaseLabels.HasRole(c.Labels, ContainerRole.Release)).ToList();
        var succeeded = history.Where(r => r.Outcome == ReleaseOutcome.Succeeded && r.Container is not null).ToList();
        var repaired = await strategy.RepairAsync(new RepairRequest(_context, app, environment, config, succeeded.LastOrDefault()?.Container,
            succeeded.Select(r => r.Container!).ToHashSet(StringComparer.OrdinalIgnoreCase), releases,
            containers.Where(c => !ReleaseLabels.HasRole(c.Labels, ContainerRole.Release) && !ReleaseLabels.HasRole(c.Labels, ContainerRole.Candidate)).ToList()), cancellationToken);
        if (repaired)
            releases = await _containers.ListAsync(app, environment, ContainerRole.Release, cancellationToken);
        return new RecoveredEnvironment(releases, history);
    }

    /// <summary>A deploy of exactly what already serves, the way it serves: nothing to do, nothing recorded.</summary>
    private async Task<DeployResult?> UnchangedAsync(IDeployStrategy strategy, ReleaseSpec spec, IReadOnlyList<ContainerState> releases, long clock, CancellationToken cancellationToken)
    {
        var serving = Serving(releases);
        var recorded = serving is null ? null : ReleaseLabels.Read(serving.Labels);
        if (NoChangeCheck.Difference(recorded, spec) is not null || !await strategy.ServesAsync(_context, serving!, spec, cancellationToken))
            return null;
        _log.Write(LogLevel.Information, $"{spec.App} {spec.Version} ({HistoryTable.ShortDigest(spec.Digest)}) already serves {spec.Environment} from {serving!.Name} with this configuration: nothing to do");
        return new DeployResult(spec, serving.Name, Elapsed(clock)) { Unchanged = true, Action = ReleaseAction.Deploy, ReplacedVersion = null };
    }

    private async Task<DeployResult> ShipAsync(
        IDeployStrategy strategy, ReleaseSpec spec, string imageId, IReadOnlyDictionary<string, string> secrets, ReleaseAction action, long clock,
        IReadOnlyList<ContainerState> releases, CancellationToken cancellationToken)
    {
        var serving = Serving(releases);
        var previous = serving is null ? null : ReleaseLabels.Read(serving.Labels)?.Spec.Version;
        var dataVolume = ReleaseNames.DataVolume(spec.App, spec.Environment);
        // Docker keeps a volume while any container (even a stopped one) mounts it: a release that mounts it proves it exists.
        if (!releases.Any(r => r.Mounts.Any(m => m.Name == dataVolume)))
            await _containers.EnsureVolumeAsync(dataVolume, spec.App, spec.Environment, "data", cancellationToken);
        var who = ProcessIdentity.Actor(_options.ReadEnvironment);
        var stamp = new ReleaseStamp(ReleaseNames.NewReleaseId(), _options.Time.GetUtcNow(), who, action, imageId);
        var record = new HistoryRecord
        {
            At = stamp.DeployedAt,
            Action = action,
            Outcome = ReleaseOutcome.Succeeded,
            App = spec.App,
            Environment = spec.Environment,
            Version = spec.Version,
            Digest = spec.Digest,
            Repository = spec.Repository,
            Commit = spec.Commit,
            ReleaseId = stamp.ReleaseId,
            Who = who,
            PreviousVersion = previous,
            Config = spec.Config,
        };

        RolloutResult rollout;
        try
        {
            rollout = await strategy.RollOutAsync(new Rollout(_context, spec, stamp, serving, secrets), cancellationToken);
        }
        catch (Exception e)
        {
            var failed = record with
            {
                Outcome = ReleaseOutcome.Failed,
                DurationSeconds = Elapsed(clock).TotalSeconds,
                Message = e is OperationCanceledException ? "cancelled" : e.Message.Split('\n')[0],
            };
            await AppendQuietlyAsync(failed);
            throw;
        }

        var duration = Elapsed(clock);
        await AppendQuietlyAsync(record with { Container = rollout.Container, DurationSeconds = duration.TotalSeconds, SwapGapSeconds = rollout.SwapGap?.TotalSeconds });
        try
        {
            await new ReleasePruner(_containers, _log).PruneAsync(spec.App, spec.Environment, rollout.Container, spec.Config.KeepReleases, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException)
        {
            _log.Write(LogLevel.Warning, $"Pruning old releases failed (the next deploy tries again): {e.Message}");
        }
        _log.Write(LogLevel.Information,
            $"{(action == ReleaseAction.Rollback ? "Rolled back" : "Deployed")} {spec.App} {spec.Version} to {spec.Environment} in {duration.TotalSeconds:0.0}s"
            + (rollout.Summary is { } summary ? $"; {summary}"
                : rollout.SwapGap is { } gap ? $"; swap gap {gap.TotalSeconds:0.00}s" : "; nothing served before, so no gap")
            + (rollout.Endpoint is { } endpoint ? $"; answering on {endpoint.GetLeftPart(UriPartial.Authority)}" : string.Empty));
        return new DeployResult(spec, rollout.Container, duration)
        {
            SwapGap = rollout.SwapGap,
            ReplacedVersion = previous,
            Endpoint = rollout.Endpoint,
            Action = action,
        };
    }

    /// <summary>The local image id of <c>repository@digest</c>, pulled by digest when the engine lacks it; refuses images that run as root.</summary>
    private async Task<string> EnsureImageAsync(ReleaseSpec spec, CancellationToken cancellationToken)
    {
        var reference = spec.ImageReference;
        var image = await _docker.InspectImageAsync(reference, cancellationToken);
        if (image is null)
        {
            _log.Write(LogLevel.Information, $"The engine does not have {reference}; pulling it by digest");
            if (!await _docker.TryPullAsync(reference, cancellationToken))
                throw new DeployException($"Could not pull {reference}; nothing was changed. Is the registry reachable and the image pushed?");
            image = await _docker.InspectImageAsync(reference, cancellationToken)
                ?? throw new DeployException($"{reference} was pulled but the engine does not show it.");
        }
        var user = spec.Config.User ?? image.User;
        if (IsRoot(user))
            throw new DeployException(
                $"{reference} would run as root (USER '{user}'). Set a non-root USER in the Dockerfile, or 'user' in the environment configuration. Nothing was changed.");
        return image.Id;
    }

    private async Task<DeployLock> AcquireLockAsync(string app, string environment, string operation, TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        await DeployLock.AcquireAsync(_containers, _log, _options.Time,
            new LockRequest(app, environment, operation, ProcessIdentity.Actor(_options.ReadEnvironment), lockTimeout) { ProcessStartedAt = _options.ProcessStartedAt },
            cancellationToken);

    private async Task AppendQuietlyAsync(HistoryRecord record)
    {
        try
        {
            await _history.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is DeployException or Drydock.Engine.Tooling.ToolFailedException or IOException)
        {
            _log.Write(LogLevel.Warning, $"Could not record the {record.Action.ToString().ToLowerInvariant()} of {record.Version} in the history: {e.Message}");
        }
    }

    /// <summary>The running release container; the newest one if (against all intent) several run.</summary>
    private static ContainerState? Serving(IReadOnlyList<ContainerState> releases) =>
        releases.Where(c => c.Running).OrderByDescending(c => ReleaseLabels.Read(c.Labels)?.Stamp.DeployedAt ?? c.Created).FirstOrDefault();

    private static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name.Length == 0 || name == "root" || name == "0";
    }

    private TimeSpan Elapsed(long start) => _options.Time.GetElapsedTime(start);

    private static string Describe(RollbackSource source) => source switch
    {
        RollbackSource.RetainedContainer => "retained container's recorded configuration",
        RollbackSource.History => "history's recorded configuration",
        _ => "registry, with today's configuration",
    };
}
