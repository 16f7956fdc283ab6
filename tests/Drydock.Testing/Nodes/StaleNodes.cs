using System.Globalization;
using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Testing.Nodes;

/// <summary>
/// Test nodes of a run whose process died (a killed test run never disposes): they hold the suite's ports, so the next
/// run removes them first. Only nodes whose owning process is gone are touched, never those of a run still going.
/// </summary>
public static class StaleNodes
{
    public const string OwnerLabel = "dev.drydock.test.node.owner";

    public static async Task RemoveAsync(DockerCli docker, IBuildLog log, CancellationToken cancellationToken = default)
    {
        var containers = await docker.PsAsync(new DockerPsSettings { LabelFilters = [NodeClusterOptions.Label] }, cancellationToken);
        var staleClusters = containers
            .Where(c => !OwnerRuns(c.Labels.GetValueOrDefault(OwnerLabel)))
            .Select(c => c.Labels[NodeClusterOptions.Label])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var cluster in staleClusters)
        {
            log.Write(LogLevel.Information, $"Removing test nodes of a run that ended without cleaning up: {cluster}");
            var filter = $"{NodeClusterOptions.Label}={cluster}";
            var names = containers.Where(c => c.Labels[NodeClusterOptions.Label] == cluster).Select(c => c.Id).ToList();
            await docker.ExecuteAsync(new DockerRmSettings(names) { Force = true, Volumes = true }, throwOnError: false, echoOutput: false, cancellationToken);
            var volumes = await docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = [filter] }, cancellationToken);
            if (volumes.Count > 0)
                await docker.ExecuteAsync(new DockerVolumeRmSettings(volumes.Select(v => v.Name).ToList()) { Force = true }, throwOnError: false, echoOutput: false, cancellationToken);
            await docker.ExecuteAsync(new DockerNetworkRmSettings($"{cluster}-net"), throwOnError: false, echoOutput: false, cancellationToken);
        }
    }

    private static bool OwnerRuns(string? owner) =>
        int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var processId) && Directory.Exists($"/proc/{processId}");
}
