using System.Globalization;
using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Testing.Nodes;

/// <summary>
/// Test nodes of a run whose process died (a killed test run never disposes): they hold the suite's ports, so the next
/// run removes them first. A cluster is stale only when none of its containers names a running owner: one container
/// without the owner label (a registry beside the nodes) must not get a live run's whole cluster removed.
/// </summary>
public static class StaleNodes
{
    public const string OwnerLabel = "dev.drydock.test.node.owner";

    /// <summary>The labels of every container a cluster starts: its cluster, and this process as its owner.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string cluster) => new Dictionary<string, string>
    {
        [NodeClusterOptions.Label] = cluster,
        [OwnerLabel] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task RemoveAsync(DockerCli docker, IBuildLog log, CancellationToken cancellationToken = default)
    {
        var containers = await docker.PsAsync(new DockerPsSettings { LabelFilters = [NodeClusterOptions.Label] }, cancellationToken);
        var staleClusters = containers
            .GroupBy(c => c.Labels[NodeClusterOptions.Label], StringComparer.Ordinal)
            .Where(cluster => !cluster.Any(c => OwnerRuns(c.Labels.GetValueOrDefault(OwnerLabel))))
            .Select(cluster => cluster.Key)
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
