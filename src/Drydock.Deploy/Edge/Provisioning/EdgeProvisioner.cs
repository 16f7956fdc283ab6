using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Makes an environment's edge exist and answer: its private network, its state volume, and the container itself
/// (kept, started, created or recreated as <see cref="EdgeContainerDecision"/> says). Idempotent: on an environment
/// whose edge already runs from the same spec it costs one health request (the caller read the container already).
/// </summary>
public sealed class EdgeProvisioner(DeployEdge edge, DockerCli docker, IBuildLog log)
{
    /// <param name="existing">The edge container as the caller read it (null: there is none).</param>
    /// <remarks>A running edge made from another spec is replaced only with <see cref="EdgeStrategyOptions.RecreateOutdatedEdge"/>: deploys must not interrupt the port.</remarks>
    public async Task<RunningEdge> EnsureAsync(EdgeContainerSpec spec, ContainerState? existing, CancellationToken cancellationToken)
    {
        spec.Validate();
        var (action, reason) = EdgeContainerDecision.Decide(existing, spec, edge.Options.RecreateOutdatedEdge);
        if (action == EdgeContainerAction.Refuse)
            throw new DeployException(reason);
        // A running edge is attached to its network and mounts its volume, and its inspect names its ports: the common
        // case of every deploy costs one docker call (each is a process start, slow on a loaded host).
        if (action is not (EdgeContainerAction.Keep or EdgeContainerAction.KeepOutdated))
        {
            if (await edge.EnsureExistsAsync(spec.ToNetworkSettings(), $"create network {spec.Network}", cancellationToken))
                log.Write(LogLevel.Information, $"Created network {spec.Network}");
            await docker.CreateVolumeAsync(spec.ToVolumeSettings(), cancellationToken); // docker volume create is idempotent
        }
        switch (action)
        {
            case EdgeContainerAction.Create:
                log.Write(LogLevel.Information, $"Starting edge {spec.ContainerName} ({reason})");
                await docker.RunDetachedAsync(spec.ToRunSettings(), cancellationToken);
                break;
            case EdgeContainerAction.Start:
                log.Write(LogLevel.Information, $"Starting edge {spec.ContainerName} ({reason})");
                await docker.ExecuteAsync(new DockerStartSettings(spec.ContainerName), echoOutput: false, cancellationToken: cancellationToken);
                break;
            case EdgeContainerAction.Recreate:
                if (existing is { Running: true })
                {
                    log.Write(LogLevel.Warning, $"Replacing edge {spec.ContainerName}: {reason}. Port {spec.PublicPort} goes unanswered from the old edge's stop until the new one listens; its route is kept.");
                    await new EdgeReplacement(docker, log).ReplaceAsync(spec.ToRunSettings(), prepare: null, cancellationToken);
                    break;
                }
                log.Write(LogLevel.Information, $"Recreating edge {spec.ContainerName}: {reason}");
                await docker.RemoveContainersAsync(new DockerRmSettings(spec.ContainerName) { Force = true }, cancellationToken);
                await docker.RunDetachedAsync(spec.ToRunSettings(), cancellationToken);
                break;
            case EdgeContainerAction.Keep:
                log.Write(LogLevel.Debug, $"Edge {spec.ContainerName} is up ({reason})");
                break;
            case EdgeContainerAction.KeepOutdated:
                log.Write(LogLevel.Warning, $"Edge {reason}.");
                break;
        }

        var kept = action is EdgeContainerAction.Keep or EdgeContainerAction.KeepOutdated ? existing : null;
        var publicPort = spec.PublicPort != 0 ? spec.PublicPort
            : kept?.HostPort(EdgeContainerSpec.ContainerPublicPort) ?? await PublishedPortAsync(spec.ContainerName, EdgeContainerSpec.ContainerPublicPort, cancellationToken);
        await edge.WaitUntilAnswersAsync(spec.ContainerName, "Nothing was switched.", cancellationToken);
        return edge.Running(spec.ContainerName, publicPort, action, reason);
    }

    private async Task<int> PublishedPortAsync(string container, int containerPort, CancellationToken cancellationToken)
    {
        var result = await docker.ExecuteAsync(new DockerPortSettings(container, containerPort), echoOutput: false, cancellationToken: cancellationToken);
        return DockerOutput.ParseHostPort(result.StandardOutput)
            ?? throw new InvalidOperationException($"docker port {container} {containerPort} named no host port: {result.Output}");
    }
}
