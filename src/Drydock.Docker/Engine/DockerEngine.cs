using System.Diagnostics;
using Drydock.Engine.Output;

namespace Drydock.Docker;

/// <summary>
/// Makes sure a docker engine answers before the release chain needs one: uses a running one, or starts the
/// local dockerd (installing docker.io first when root on Debian), or fails saying what to install or start.
/// </summary>
public static class DockerEngine
{
    private const string DefaultSocketHost = "unix:///var/run/docker.sock";

    /// <param name="daemonLogPath">Where a dockerd started here writes, e.g. <c>&lt;root&gt;/.nuke/temp/dockerd.log</c>.</param>
    public static async Task<DockerVersion> EnsureAvailableAsync(
        DockerCli docker, IBuildLog log, string daemonLogPath, TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var (facts, version) = await GatherFactsAsync(docker, cancellationToken);
        var plan = EnginePlan.Decide(facts);
        if (plan.Action is EngineAction.UseRunning or EngineAction.Fail)
            return await ActAsync(docker, log, plan, version, daemonLogPath, startTimeout, cancellationToken);

        // Installing or starting: one build at a time on this machine; a waiter looks again, the engine may answer now.
        using var machineLock = await MachineLock.AcquireAsync("dockerd", "the docker engine start", log, cancellationToken);
        (facts, version) = await GatherFactsAsync(docker, cancellationToken);
        return await ActAsync(docker, log, EnginePlan.Decide(facts), version, daemonLogPath, startTimeout, cancellationToken);
    }

    private static async Task<DockerVersion> ActAsync(
        DockerCli docker, IBuildLog log, EnginePlan plan, DockerVersion? version, string daemonLogPath, TimeSpan? startTimeout, CancellationToken cancellationToken)
    {
        switch (plan.Action)
        {
            case EngineAction.UseRunning:
                log.Write(LogLevel.Information, $"Docker engine {version!.ServerVersion} answers (client {version.ClientVersion})");
                return version;
            case EngineAction.Fail:
                throw new InvalidOperationException(plan.FailureMessage);
            case EngineAction.InstallAndStartDaemon:
                log.Write(LogLevel.Information, "Docker is not installed; installing Debian package docker.io (client and engine)");
                var apt = new AptGet(docker.Runner, log);
                await apt.UpdateAsync(cancellationToken);
                await apt.InstallAsync(["docker.io"], cancellationToken);
                // The package's scripts may already have started the engine.
                if (await TryVersionAsync(docker, cancellationToken) is { EngineAnswers: true } installed)
                    return Answered(log, installed, "after installing docker.io");
                break;
        }

        return await StartDaemonAsync(docker, log, daemonLogPath, startTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
    }

    private static async Task<(EngineFacts Facts, DockerVersion? Version)> GatherFactsAsync(DockerCli docker, CancellationToken cancellationToken)
    {
        var clientInstalled = HostSystem.FindExecutable(docker.Executable) is not null;
        var version = clientInstalled ? await TryVersionAsync(docker, cancellationToken) : null;
        var facts = new EngineFacts(
            EngineAnswers: version?.EngineAnswers == true,
            ClientInstalled: clientInstalled,
            DaemonInstalled: HostSystem.FindExecutable("dockerd") is not null,
            IsRoot: HostSystem.IsRoot,
            IsDebian: HostSystem.IsDebian,
            RemoteEndpoint: RemoteEndpoint());
        return (facts, version);
    }

    /// <summary>A DOCKER_HOST or DOCKER_CONTEXT that points somewhere other than the local socket.</summary>
    private static string? RemoteEndpoint()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && host != DefaultSocketHost)
            return $"DOCKER_HOST={host}";
        var context = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
        return !string.IsNullOrEmpty(context) && context != "default" ? $"DOCKER_CONTEXT={context}" : null;
    }

    private static async Task<DockerVersion> StartDaemonAsync(DockerCli docker, IBuildLog log, string daemonLogPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        log.Write(LogLevel.Information, $"No docker engine answers; starting dockerd in the background (log: {daemonLogPath})");
        var processId = await DetachedProcess.StartAsync(docker.Runner, daemonLogPath, "dockerd", [], cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        while (true)
        {
            if (await TryVersionAsync(docker, cancellationToken) is { EngineAnswers: true } version)
                return Answered(log, version, $"after starting dockerd (pid {processId}, {clock.Elapsed.TotalSeconds:0.0}s)");
            if (!HostSystem.IsProcessAlive(processId))
                throw new InvalidOperationException($"dockerd (pid {processId}) exited before answering. Last lines of {daemonLogPath}:\n{DetachedProcess.Tail(daemonLogPath)}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"dockerd (pid {processId}) did not answer within {timeout.TotalSeconds:0}s. Last lines of {daemonLogPath}:\n{DetachedProcess.Tail(daemonLogPath)}");
            if (clock.Elapsed > nextReport)
            {
                log.Write(LogLevel.Information, $"Waiting for dockerd to answer ({clock.Elapsed.TotalSeconds:0}s of {timeout.TotalSeconds:0}s)");
                nextReport += TimeSpan.FromSeconds(5);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static DockerVersion Answered(IBuildLog log, DockerVersion version, string how)
    {
        log.Write(LogLevel.Information, $"Docker engine {version.ServerVersion} answers {how}");
        return version;
    }

    private static async Task<DockerVersion?> TryVersionAsync(DockerCli docker, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.VersionAsync(cancellationToken);
        }
        catch (Drydock.Engine.Tooling.ToolFailedException)
        {
            return null;
        }
    }
}
