using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// Where a strategy puts a release container: publishing the environment's port itself (replace), or unpublished on the
/// environment's private network behind its edge. Decided by the strategy, applied by <see cref="ContainerPlan"/>, and
/// recorded in the <see cref="ReleaseLabels.Placement"/> label so drift, recovery and status know what to expect.
/// </summary>
public sealed record ReleasePlacement(IReadOnlyList<PortMapping> Publish, string? Network)
{
    public const string PublishedLabel = "published";
    public const string BehindEdgeLabel = "edge";

    public bool BehindEdge => Network is not null;

    public string Label => BehindEdge ? BehindEdgeLabel : PublishedLabel;

    /// <summary>The environment's port published on the release itself.</summary>
    public static ReleasePlacement Published(EnvironmentConfig config) =>
        new([new PortMapping(config.HostPort, config.ContainerPort, config.Bind)], null);

    /// <summary>Nothing published: reachable only by name on the environment's network, through its edge.</summary>
    public static ReleasePlacement OnNetwork(string network) => new([], network);

    /// <summary>Whether a container was created behind an edge; containers from before the edge carry no label and publish.</summary>
    public static bool IsBehindEdge(IReadOnlyDictionary<string, string> labels) =>
        labels.GetValueOrDefault(ReleaseLabels.Placement) == BehindEdgeLabel;
}
