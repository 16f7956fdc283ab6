using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The edge image where every node pulls it: built on the manager's engine like a one-host edge (only when its sources
/// changed), tagged into the registry the nodes pull the release from, and pushed by the manager, which reaches that
/// registry by the same name as the other nodes.
/// </summary>
public static class ClusterEdgeImage
{
    public static async Task<string> EnsureAsync(DockerCli manager, IBuildLog log, EdgeStrategyOptions? edge, string pullRepository, CancellationToken cancellationToken)
    {
        if (edge is null)
            throw new DeployException("A swarm environment needs ReleaseManagerOptions.Edge (where the edge image is built from). Nothing was changed.");
        var local = await new DeployEdge(manager, log, edge).ImageAsync(null, cancellationToken);
        var reference = Reference(pullRepository, local);
        await manager.TagAsync(local, reference, cancellationToken);
        log.Write(LogLevel.Debug, $"Pushing the edge image as {reference} from the manager");
        await manager.PushAsync(reference, cancellationToken);
        return reference;
    }

    /// <summary>Pure: <c>registry/drydock/edge:tag</c> in the registry of <paramref name="pullRepository"/>.</summary>
    public static string Reference(string pullRepository, string localEdgeImage)
    {
        var slash = pullRepository.IndexOf('/', StringComparison.Ordinal);
        var registry = slash > 0 ? pullRepository[..slash] : throw new DeployException($"{pullRepository} names no registry: a cluster pulls from a registry every node reaches (--registry). Nothing was changed.");
        return $"{registry}/{localEdgeImage}";
    }
}
