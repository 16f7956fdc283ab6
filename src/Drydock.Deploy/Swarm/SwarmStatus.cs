using System.Text;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>What only a swarm environment's Status has: nodes (down ones named), replicas per node, the active service and its drift from its labels.</summary>
public sealed record SwarmStatus(ClusterStatus Cluster, ClusterRelease? Active, IReadOnlyList<SpecDifference> Drift)
{
    public bool HasDrift => Drift.Count > 0;

    /// <summary>The environment's status the way a cluster is read: the active service first, then every node.</summary>
    public string Describe(EnvironmentStatus status)
    {
        var text = new StringBuilder();
        text.AppendLine(Active is { } active ? $"active release: {active.Version} ({active.Name})" : "active release: none");
        text.AppendLine(Cluster.Describe());
        if (status.Retained.Count > 0)
            text.AppendLine($"retained (scaled to 0, for rollback): {string.Join(", ", status.Retained.Select(r => r.Spec.Version))}");
        text.AppendLine(HasDrift ? "DRIFT: " + string.Join("; ", Drift) : "drift: none");
        if (status.LastSucceeded is { } last)
            text.AppendLine($"last successful release: {last.Version} ({last.Action.ToString().ToLowerInvariant()} at {last.At:u})");
        return text.ToString().TrimEnd();
    }
}
