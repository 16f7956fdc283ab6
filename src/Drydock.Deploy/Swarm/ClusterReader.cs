using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>Reads a swarm environment from its manager in four calls: nodes, the labelled services (listed, then inspected together), their tasks, the history.</summary>
public sealed class ClusterReader(DockerCli manager, IReleaseHistory history)
{
    public async Task<ClusterSnapshot> ReadAsync(EnvironmentId id, CancellationToken cancellationToken)
    {
        var nodes = await manager.NodesAsync(cancellationToken);
        var listed = await manager.ExecuteAsync(new DockerServiceLsSettings { LabelFilters = ReleaseLabels.Filter(id) }, echoOutput: false, cancellationToken: cancellationToken);
        // Service lines carry an "ID" like node lines do.
        var ids = SwarmOutput.ParseNodeIds(listed.StandardOutput);
        var services = ids.Count == 0 ? []
            : SwarmOutput.ParseServiceInspect((await manager.ExecuteAsync(new DockerServiceInspectSettings(ids), echoOutput: false, cancellationToken: cancellationToken)).Output);
        var tasks = services.Count == 0 ? []
            : await manager.ServiceTasksAsync(new DockerServicePsSettings(services.Select(s => s.Name).ToArray()) { DesiredState = "running" }, cancellationToken);
        var releases = services.Where(s => s.Labels.GetValueOrDefault(ReleaseLabels.Role) == ReleaseLabels.RoleName(ContainerRole.Release))
            .Select(s => new ClusterRelease(s, ReleaseLabels.Read(s.Labels))).ToArray();
        var edge = services.FirstOrDefault(s => s.Labels.GetValueOrDefault(ReleaseLabels.Role) == ClusterNames.EdgeRole);
        return new ClusterSnapshot(id, nodes, releases, edge, tasks, await history.ReadAsync(id, cancellationToken));
    }
}
