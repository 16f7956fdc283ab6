using System.Text;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>What Status says about a swarm environment: nodes (down ones named), replicas per node, the active and retained releases, drift.</summary>
public sealed record ClusterEnvironmentStatus(
    ClusterStatus Cluster, ClusterRelease? Active, IReadOnlyList<ClusterRelease> Retained, IReadOnlyList<SpecDifference> Drift, HistoryRecord? LastSucceeded)
{
    public bool HasDrift => Drift.Count > 0;

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(Active is { } active ? $"active release: {active.Version} ({active.Name})" : "active release: none");
        text.AppendLine(Cluster.Describe());
        if (Retained.Count > 0)
            text.AppendLine($"retained (scaled to 0, for rollback): {string.Join(", ", Retained.Select(r => r.Version))}");
        text.AppendLine(HasDrift ? "DRIFT: " + string.Join("; ", Drift) : "drift: none");
        if (LastSucceeded is { } last)
            text.AppendLine($"last successful release: {last.Version} ({last.Action.ToString().ToLowerInvariant()} at {last.At:u})");
        return text.ToString().TrimEnd();
    }
}
