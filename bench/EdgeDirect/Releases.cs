using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace EdgeDirect;

/// <summary>Deploy and rollback through the edge: the new release healthy first, then the switch, the drain, the stop.</summary>
public sealed class Releases(DockerCli docker, IBuildLog log, string app, string environment)
{
    public const int AppPort = 8080;

    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string HealthPath { get; init; } = "/health/ready";

    public async Task<int> DeployAsync(string image, string version, IReadOnlyDictionary<string, string> environmentVariables, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var edge = await EdgeAsync(cancellationToken);
        var name = $"{EdgeNames.Sanitize(app)}-{EdgeNames.Sanitize(environment)}-{EdgeNames.Sanitize(version)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var active = (await edge.GetRoutesAsync(cancellationToken)).Active;
        if (active is not null && active.Version == version)
        {
            log.Write(LogLevel.Information, $"{version} already serves {app}/{environment} ({active.Upstream}); nothing to do");
            return 0;
        }

        await docker.RunDetachedAsync(ReleaseSettings(image, name, version, environmentVariables), cancellationToken);
        var healthy = await WaitHealthyAsync(name, cancellationToken);
        if (healthy is not null)
        {
            // A release that is not healthy never reaches the edge: the route is untouched, the candidate removed.
            log.Write(LogLevel.Error, $"{name} is not healthy ({healthy}); the edge still routes to {active?.Upstream ?? "nothing"}. Removing {name}.");
            await docker.RemoveContainersAsync(new DockerRmSettings(name) { Force = true }, cancellationToken);
            return 1;
        }
        var healthyAfter = clock.Elapsed;
        return await CutOverAsync(edge, name, version, active, clock, healthyAfter, cancellationToken);
    }

    public async Task<int> RollbackAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var edge = await EdgeAsync(cancellationToken);
        var active = (await edge.GetRoutesAsync(cancellationToken)).Active
            ?? throw new InvalidOperationException($"{app}/{environment} serves nothing; there is nothing to roll back from.");
        var current = HostOf(active.Upstream);
        var releases = await docker.PsAsync(new DockerPsSettings { All = true, LabelFilters = [$"{BenchLabels.App}={app}", $"{BenchLabels.Environment}={environment}", $"{BenchLabels.Role}=release"] }, cancellationToken);
        var target = releases
            .Where(r => r.Names != current && r.State != "running")
            .OrderByDescending(r => r.Labels.GetValueOrDefault(BenchLabels.DeployedAt), StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No stopped release of {app}/{environment} to roll back to.");
        var version = target.Labels.GetValueOrDefault(BenchLabels.Version) ?? "unknown";
        log.Write(LogLevel.Information, $"Rolling back {app}/{environment} from {active.Version} to {version} ({target.Names})");

        var generation = (await edge.GetRoutesAsync(cancellationToken)).Generation;
        await docker.ExecuteAsync(new DockerStartSettings(target.Names), echoOutput: false, cancellationToken: cancellationToken);
        var upstream = UpstreamAddress.ForContainer(target.Names, AppPort);

        // Switch the moment the edge's own check of the readiness path passes (a release that served before is being
        // brought back, and every second counts); the release rolled back from keeps running meanwhile.
        try
        {
            await EdgeCutover.SwitchWhenHealthyAsync(edge, new RouteChange(upstream, version) { HealthPath = HealthPath, ExpectedGeneration = generation }, DeployTimeout, cancellationToken: cancellationToken);
        }
        catch (EdgeAdminException e) when (e.UpstreamUnhealthy)
        {
            log.Write(LogLevel.Error, $"{target.Names} never answered the edge's health check ({e.Detail}); the edge still routes to {active.Upstream}.");
            await docker.StopAsync(new DockerStopSettings(target.Names) { Timeout = TimeSpan.FromSeconds(1) }, cancellationToken);
            return 1;
        }
        var switchedAfter = clock.Elapsed;

        // Then the verdict a deploy needs too, Docker's health check, before the release rolled back from is stopped;
        // if it fails, traffic goes back to that release, which is still running.
        if (await WaitHealthyAsync(target.Names, cancellationToken) is { } problem)
        {
            log.Write(LogLevel.Error, $"{target.Names} answered the edge but Docker calls it not healthy ({problem}); switching back to {active.Upstream}.");
            await edge.SwitchAsync(new RouteChange(active.Upstream, active.Version), cancellationToken);
            await edge.WaitForDrainAsync(upstream, DrainTimeout, cancellationToken: cancellationToken);
            await docker.StopAsync(new DockerStopSettings(target.Names) { Timeout = TimeSpan.FromSeconds(1) }, cancellationToken);
            return 1;
        }
        var healthyAfter = clock.Elapsed;
        var drain = await edge.WaitForDrainAsync(active.Upstream, DrainTimeout, cancellationToken: cancellationToken);
        await docker.StopAsync(new DockerStopSettings(current) { Timeout = StopTimeout(drain) }, cancellationToken);
        log.Write(LogLevel.Information,
            $"{target.Names} ({version}) serves {app}/{environment} again: switched after {Ms(switchedAfter)} (edge health check), Docker healthy after {Ms(healthyAfter)}, "
            + $"{current} drained{(drain.Drained ? "" : $" only partly ({drain.InFlight} still in flight)")} and stopped after {Ms(clock.Elapsed)}");
        return 0;
    }

    private async Task<int> CutOverAsync(EdgeAdminClient edge, string name, string version, ActiveRouteView? previous, Stopwatch clock, TimeSpan healthyAfter, CancellationToken cancellationToken)
    {
        var cutover = await EdgeCutover.SwitchAndDrainAsync(edge, new RouteChange(UpstreamAddress.ForContainer(name, AppPort), version) { HealthPath = HealthPath }, DrainTimeout, cancellationToken);
        var drainedAfter = clock.Elapsed;
        if (previous is not null && cutover.Drain is { } drain)
            await docker.StopAsync(new DockerStopSettings(HostOf(previous.Upstream)) { Timeout = StopTimeout(drain) }, cancellationToken);
        log.Write(LogLevel.Information,
            $"{name} ({version}) serves {app}/{environment}: healthy after {Ms(healthyAfter)}, switched after {Ms(healthyAfter + cutover.SwitchedAfter)}, "
            + $"old drained after {Ms(drainedAfter)}{(cutover.Drain is { Drained: false } d ? $" (timeout, {d.InFlight} still in flight)" : "")}, old stopped after {Ms(clock.Elapsed)}");
        return 0;
    }

    /// <summary>Null when Docker reports the container healthy; otherwise why not.</summary>
    private async Task<string?> WaitHealthyAsync(string container, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await docker.InspectContainerAsync(container, cancellationToken);
            if (state is null)
                return "it disappeared";
            if (!state.Running)
                return $"it exited with code {state.ExitCode}";
            if (state.HealthStatus == "healthy")
                return null;
            if (state.HealthStatus == "unhealthy")
                return "Docker reports it unhealthy";
            if (clock.Elapsed > DeployTimeout)
                return $"not healthy within {DeployTimeout.TotalSeconds:0}s (Docker health: {state.HealthStatus ?? "none"})";
            await Task.Delay(100, cancellationToken);
        }
    }

    private DockerRunSettings ReleaseSettings(string image, string name, string version, IReadOnlyDictionary<string, string> environmentVariables) =>
        new(image)
        {
            Name = name,
            Network = EdgeNames.Network(app, environment),
            Labels = new Dictionary<string, string>
            {
                [BenchLabels.App] = app,
                [BenchLabels.Environment] = environment,
                [BenchLabels.Role] = "release",
                [BenchLabels.Version] = version,
                [BenchLabels.DeployedAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [BenchLabels.Bench] = "1",
            },
            Environment = environmentVariables,
            Volumes = [new VolumeMount(DataVolume(app, environment), "/data")],
            ReadOnly = true,
            Tmpfs = ["/tmp:rw,noexec,nosuid,size=64m"],
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Restart = "unless-stopped",
            Memory = "512m",
            Cpus = "1.0",
            PidsLimit = 256,
            StopTimeout = DrainTimeout,
            // Every second: a deploy notices a healthy release soon, without a health process every few hundred ms for the
            // container's whole life (each check starts the app's binary once). Failures in the start period do not count.
            HealthCheck = new ContainerHealthCheck { Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(3), Retries = 3, StartPeriod = TimeSpan.FromSeconds(10) },
        };

    /// <summary>What is left of the drain timeout becomes the SIGTERM grace: drained releases stop at once, others get the rest.</summary>
    private TimeSpan StopTimeout(DrainResult drain)
    {
        var remaining = DrainTimeout - drain.Waited;
        return remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
    }

    public static string DataVolume(string app, string environment) => $"drydock-{EdgeNames.Sanitize(app)}-{EdgeNames.Sanitize(environment)}-data";

    private async Task<EdgeAdminClient> EdgeAsync(CancellationToken cancellationToken) =>
        new(await new EdgeProvisioner(docker, log).AdminAddressAsync(app, environment, cancellationToken));

    private static string HostOf(string upstream) => new Uri(upstream).Host;

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";
}
