using Drydock.Docker;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy;

/// <summary>The docker calls on one engine that deploys make: find an environment's containers by label, inspect, create, start, stop, remove.</summary>
public sealed class EnvironmentContainers(DockerCli docker)
{
    public DockerCli Docker { get; } = docker;

    /// <summary>All containers (running or not) of this app and environment, optionally of one role.</summary>
    public async Task<IReadOnlyList<ContainerState>> ListAsync(EnvironmentId environment, ContainerRole? role, CancellationToken cancellationToken)
    {
        var summaries = await Docker.PsAsync(new DockerPsSettings { All = true, LabelFilters = ReleaseLabels.Filter(environment, role) }, cancellationToken);
        return summaries.Count == 0 ? [] : await InspectManyAsync(summaries.Select(s => s.Id).ToArray(), cancellationToken);
    }

    public async Task<ContainerState?> InspectAsync(string container, CancellationToken cancellationToken) =>
        (await InspectManyAsync([container], cancellationToken)).FirstOrDefault();

    /// <summary>Those that exist; one that vanished meanwhile (docker prints the rest and exits 1) is left out.</summary>
    public async Task<IReadOnlyList<ContainerState>> InspectManyAsync(IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var result = await Docker.ExecuteAsync(new DockerContainerInspectSettings(containers), throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded && !result.StandardError.Any(line => line.Contains("No such ", StringComparison.Ordinal)))
            throw new ToolFailedException(Docker.Command(new DockerContainerInspectSettings(containers)), result, $"docker container inspect failed: {result.Error}");
        if (!result.Output.TrimStart().StartsWith('['))
            return [];
        return DockerOutput.ParseContainerInspect(result.Output);
    }

    /// <summary>Creates (does not start) a container and returns its id.</summary>
    public async Task<string> CreateAsync(DockerRunSettings settings, CancellationToken cancellationToken)
    {
        var result = await Docker.ExecuteAsync(new DockerCreateSettings(settings), echoOutput: false, cancellationToken: cancellationToken);
        return result.StandardOutput.LastOrDefault(line => line.Length > 0)?.Trim()
            ?? throw new DeployException($"docker create of {settings.Name} printed no container id.");
    }

    /// <summary>Creates and starts a container in one docker call (each call is a process start: on a loaded host, a tenth of a second).</summary>
    public async Task<string> RunAsync(DockerRunSettings settings, CancellationToken cancellationToken)
    {
        var result = await Docker.ExecuteAsync(settings with { Detach = true }, echoOutput: false, cancellationToken: cancellationToken);
        return result.StandardOutput.LastOrDefault(line => line.Length > 0)?.Trim()
            ?? throw new DeployException($"docker run of {settings.Name} printed no container id.");
    }

    public Task StartAsync(string container, CancellationToken cancellationToken) =>
        Docker.ExecuteAsync(new DockerStartSettings(container), echoOutput: false, cancellationToken: cancellationToken);

    /// <summary>SIGTERM, then SIGKILL after the drain timeout.</summary>
    public Task StopAsync(string container, TimeSpan drainTimeout, CancellationToken cancellationToken) =>
        Docker.ExecuteAsync(new DockerStopSettings(container) { Timeout = drainTimeout }, echoOutput: false, cancellationToken: cancellationToken);

    /// <summary>Force-removes containers (and their anonymous volumes; named volumes stay). Missing ones are fine.</summary>
    public async Task RemoveAsync(IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
            return;
        var result = await Docker.ExecuteAsync(new DockerRmSettings(containers) { Force = true, Volumes = true }, throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded && !result.StandardError.All(line => line.Contains("No such container", StringComparison.Ordinal)))
            throw new ToolFailedException(Docker.Command(new DockerRmSettings(containers)), result, $"docker rm failed: {result.Error}");
    }

    /// <summary>The host port docker published a container port on (e.g. the ephemeral one of a candidate).</summary>
    public async Task<int> PublishedPortAsync(string container, int containerPort, CancellationToken cancellationToken)
    {
        var result = await Docker.ExecuteAsync(new DockerPortSettings(container, containerPort), echoOutput: false, cancellationToken: cancellationToken);
        return DockerOutput.ParseHostPort(result.StandardOutput)
            ?? throw new DeployException($"docker port {container} {containerPort} named no host port: {result.Output}");
    }

    /// <summary>The last lines the container wrote (stdout and stderr), for failure messages.</summary>
    public async Task<IReadOnlyList<string>> LogTailAsync(string container, int lines, CancellationToken cancellationToken)
    {
        var result = await Docker.ExecuteAsync(new DockerLogsSettings(container) { Tail = lines }, throwOnError: false, echoOutput: false, cancellationToken);
        return [.. result.StandardOutput, .. result.StandardError];
    }

    /// <returns>True when the volume was created now (Docker then seeds it from the image at the first mount).</returns>
    public async Task<bool> EnsureVolumeAsync(string name, EnvironmentId environment, string role, CancellationToken cancellationToken)
    {
        var labels = ReleaseLabels.Owner(environment, role);
        var existing = await Docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = ReleaseLabels.Filter(environment) }, cancellationToken);
        if (existing.Any(v => v.Name == name))
            return false;
        // A volume of that name without the environment's labels (docker made it when an older release mounted it) exists too.
        if ((await Docker.ListVolumesAsync(new DockerVolumeLsSettings { NameFilter = name }, cancellationToken)).Any(v => v.Name == name))
            return false;
        await Docker.CreateVolumeAsync(new DockerVolumeCreateSettings(name) { Labels = labels }, cancellationToken);
        return true;
    }
}
