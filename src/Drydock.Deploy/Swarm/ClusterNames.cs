namespace Drydock.Deploy;

/// <summary>The names a swarm environment gives its cluster-wide objects (its services are found by their labels, never by these).</summary>
public static class ClusterNames
{
    /// <summary>The role label of the environment's edge service.</summary>
    public const string EdgeRole = EdgeLabels.EdgeRole;

    /// <summary>The role label on every task container of a release (not <c>release</c>: a task is not a one-host release container).</summary>
    public const string TaskRole = "swarm-task";

    /// <summary>The label on a release service naming the image the nodes pull (<c>registry-as-the-nodes-see-it/app@sha256:…</c>).</summary>
    public const string PullImageLabel = ReleaseLabels.Prefix + "pull-image";

    /// <summary>
    /// The label on a stateful release service naming the node that held its data volume: node labels vanish with a
    /// removed or re-joined node, this record does not.
    /// </summary>
    public const string DataNodeLabel = ReleaseLabels.Prefix + "data-node";

    /// <summary>The label on the edge service naming the edge image it was created from.</summary>
    public const string EdgeImageLabel = EdgeLabels.ServiceImage;

    /// <summary>The attachable overlay network of the environment's edge and releases, across every node.</summary>
    public static string OverlayNetwork(this EnvironmentId id) => id.Network + "-swarm";

    /// <summary>
    /// The DNS name every release's tasks carry on the overlay network: Swarm's DNS answers it with the addresses of the
    /// healthy tasks of whichever releases run, and every edge routes to it (see <see cref="ClusterEdge"/>).
    /// </summary>
    public static string ActiveAlias(this EnvironmentId id) => id.Network + "-active";

    /// <summary>
    /// <c>notes-cluster-1-2-3-a1b2c3</c>: a release's service. Swarm wants a DNS label (no dots, at most 63 characters),
    /// so the version's dots become dashes; the exact version is in the labels.
    /// </summary>
    public static string ReleaseService(this EnvironmentId id, string version, string releaseId)
    {
        var name = id.ReleaseContainer(version, releaseId).Replace('.', '-').Replace('_', '-');
        return name.Length <= 63 ? name : name[..(63 - releaseId.Length - 1)].TrimEnd('-') + "-" + releaseId;
    }

    /// <summary>The global edge service (one task per node, the environment's port in host mode on each).</summary>
    public static string EdgeService(this EnvironmentId id) => id.EdgeContainer;
}
