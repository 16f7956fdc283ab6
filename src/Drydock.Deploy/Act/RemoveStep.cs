using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy;

/// <summary>
/// Under the environment's lock: lists everything labelled with it on the engine the build reaches (containers, swarm
/// services, networks, volumes), decides with <see cref="RemovalPlan"/>, and removes it. Services go before the
/// containers and networks they use; a network is freed of the host-wide edge first (it joins every environment's).
/// </summary>
public sealed class RemoveStep(EnvironmentContainers containers, IBuildLog log, string hostEdgeName)
{
    private DockerCli Docker => containers.Docker;

    public async Task<EnvironmentListing> ListAsync(EnvironmentId id, bool swarm, CancellationToken cancellationToken)
    {
        var filter = ReleaseLabels.Filter(id);
        var listed = await containers.ListAsync(id, null, cancellationToken);
        var networks = await Docker.ExecuteAsync(new DockerNetworkLsSettings { LabelFilters = filter }, echoOutput: false, cancellationToken: cancellationToken);
        var volumes = await Docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = filter }, cancellationToken);
        return new EnvironmentListing(listed, swarm ? await ServicesAsync(filter, cancellationToken) : [],
            [.. networks.StandardOutput.Select(line => line.Trim()).Where(line => line.Length > 0)], volumes);
    }

    public async Task RunAsync(RemovalPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Services.Count > 0)
        {
            log.Write(LogLevel.Information, $"Removing services {string.Join(", ", plan.Services)}");
            await Docker.RemoveServicesAsync(new DockerServiceRmSettings(plan.Services), cancellationToken);
        }
        if (plan.Containers.Count > 0)
        {
            log.Write(LogLevel.Information, $"Removing containers {string.Join(", ", plan.Containers)}");
            await containers.RemoveAsync(plan.Containers, cancellationToken);
        }
        foreach (var network in plan.Networks)
            await RemoveNetworkAsync(network, cancellationToken);
        if (plan.Volumes.Count > 0)
        {
            log.Write(LogLevel.Information, $"Removing volumes {string.Join(", ", plan.Volumes)}");
            await Docker.RemoveVolumesAsync(new DockerVolumeRmSettings(plan.Volumes), cancellationToken);
        }
    }

    private async Task<IReadOnlyList<SwarmService>> ServicesAsync(IReadOnlyList<string> filter, CancellationToken cancellationToken)
    {
        var listed = await Docker.ExecuteAsync(new DockerServiceLsSettings { LabelFilters = filter }, echoOutput: false, cancellationToken: cancellationToken);
        var ids = SwarmOutput.ParseNodeIds(listed.StandardOutput); // service lines carry an "ID" like node lines do
        return ids.Count == 0 ? []
            : SwarmOutput.ParseServiceInspect((await Docker.ExecuteAsync(new DockerServiceInspectSettings(ids), echoOutput: false, cancellationToken: cancellationToken)).Output);
    }

    private async Task RemoveNetworkAsync(string network, CancellationToken cancellationToken)
    {
        // Not attached is fine: the host-wide edge joins only host-routed environments' networks.
        await Docker.ExecuteAsync(new DockerNetworkDisconnectSettings(network, hostEdgeName) { Force = true }, throwOnError: false, echoOutput: false, cancellationToken);
        log.Write(LogLevel.Information, $"Removing network {network}");
        // A removed service's tasks leave an overlay network a moment later.
        for (var attempt = 1; ; attempt++)
        {
            var result = await Docker.ExecuteAsync(new DockerNetworkRmSettings(network), throwOnError: false, echoOutput: false, cancellationToken);
            if (result.Succeeded || result.StandardError.Any(line => line.Contains("not found", StringComparison.OrdinalIgnoreCase)))
                return;
            if (attempt == 10)
                throw new ToolFailedException(Docker.Command(new DockerNetworkRmSettings(network)), result, $"Could not remove network {network}: {result.Error}");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
