namespace Drydock.Docker;

/// <summary>The swarm commands on a <see cref="DockerCli"/> (pointed at a manager): run the settings, parse the output.</summary>
public static class DockerCliSwarmExtensions
{
    public static async Task<string> CreateServiceAsync(this DockerCli docker, DockerServiceCreateSettings settings, CancellationToken cancellationToken = default)
    {
        var result = await docker.ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken);
        return result.StandardOutput.LastOrDefault(line => line.Length > 0)?.Trim()
            ?? throw new InvalidOperationException($"docker service create {settings.Name} succeeded but printed no service id.");
    }

    public static Task UpdateServiceAsync(this DockerCli docker, DockerServiceUpdateSettings settings, CancellationToken cancellationToken = default) =>
        docker.ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken);

    /// <summary>The service, or null when there is none by that name.</summary>
    public static async Task<SwarmService?> InspectServiceAsync(this DockerCli docker, string service, CancellationToken cancellationToken = default)
    {
        var result = await docker.ExecuteAsync(new DockerServiceInspectSettings(service), throwOnError: false, echoOutput: false, cancellationToken);
        return result.Succeeded ? SwarmOutput.ParseServiceInspect(result.Output).FirstOrDefault() : null;
    }

    public static async Task<IReadOnlyList<SwarmTask>> ServiceTasksAsync(this DockerCli docker, DockerServicePsSettings settings, CancellationToken cancellationToken = default) =>
        SwarmOutput.ParseServicePs((await docker.ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken)).StandardOutput);

    /// <summary>Every node of the cluster, inspected in one call after listing their IDs.</summary>
    public static async Task<IReadOnlyList<SwarmNode>> NodesAsync(this DockerCli docker, CancellationToken cancellationToken = default)
    {
        var ids = SwarmOutput.ParseNodeIds((await docker.ExecuteAsync(new DockerNodeLsSettings(), echoOutput: false, cancellationToken: cancellationToken)).StandardOutput);
        if (ids.Count == 0)
            return [];
        var inspected = await docker.ExecuteAsync(new DockerNodeInspectSettings(ids), echoOutput: false, cancellationToken: cancellationToken);
        return SwarmOutput.ParseNodeInspect(inspected.Output);
    }

    public static Task RemoveServicesAsync(this DockerCli docker, DockerServiceRmSettings settings, CancellationToken cancellationToken = default) =>
        docker.ExecuteAsync(settings, echoOutput: false, cancellationToken: cancellationToken);
}
