using System.Text;

namespace Drydock.Docker;

/// <summary>How many tasks of a service run on a node.</summary>
public sealed record NodeReplicas(string Node, int Running);

/// <summary>One service's replicas: wanted, running, and where.</summary>
public sealed record ServiceReplicas(string Service, int? Desired, IReadOnlyList<NodeReplicas> ByNode, IReadOnlyList<string> Errors)
{
    public int Running => ByNode.Sum(n => n.Running);
}

/// <summary>A cluster at one moment: which nodes are down or not taking tasks, and where each service's replicas run.</summary>
public sealed record ClusterStatus(IReadOnlyList<SwarmNode> Nodes, IReadOnlyList<ServiceReplicas> Services)
{
    public IReadOnlyList<SwarmNode> DownNodes => Nodes.Where(n => n.Status != "ready").ToArray();

    public IReadOnlyList<SwarmNode> UnavailableNodes => Nodes.Where(n => n.Status == "ready" && n.Availability != "active").ToArray();

    /// <summary>
    /// A snapshot from the nodes and tasks read once. Services are given with their desired replicas (null: global,
    /// which wants one per available node).
    /// </summary>
    public static ClusterStatus From(IReadOnlyList<SwarmNode> nodes, IEnumerable<SwarmService> services, IReadOnlyList<SwarmTask> tasks)
    {
        var summaries = services.OrderBy(s => s.Name, StringComparer.Ordinal).Select(service =>
        {
            var own = tasks.Where(t => t.Service == service.Name).ToArray();
            var running = own.Where(t => t.IsRunning).GroupBy(t => t.Node, StringComparer.Ordinal)
                .Select(g => new NodeReplicas(g.Key, g.Count())).OrderBy(n => n.Node, StringComparer.Ordinal).ToArray();
            // Only errors of tasks swarm still wants running: the history of replaced tasks is not today's problem.
            var errors = own.Where(t => t.DesiredState.Equals("running", StringComparison.OrdinalIgnoreCase) && t.Error.Length > 0)
                .Select(t => $"{t.Name} on {t.Node}: {t.Error}").Distinct().ToArray();
            var desired = service.Replicas ?? nodes.Count(n => n.IsAvailable);
            return new ServiceReplicas(service.Name, desired, running, errors);
        }).ToArray();
        return new ClusterStatus(nodes, summaries);
    }

    /// <summary>What Status prints: one line per node, then per service.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes.OrderBy(n => n.Hostname, StringComparer.Ordinal))
        {
            var role = node.Role == SwarmRole.Manager ? (node.IsLeader ? "manager, leader" : "manager") : "worker";
            var state = node.Status == "ready" ? (node.Availability == "active" ? "ready" : $"ready but {node.Availability}") : $"{node.Status.ToUpperInvariant()}";
            text.AppendLine($"node {node.Hostname} ({role}): {state}");
        }
        foreach (var service in Services)
        {
            var where = service.ByNode.Count == 0 ? "nowhere" : string.Join(", ", service.ByNode.Select(n => $"{n.Running} on {n.Node}"));
            text.AppendLine($"service {service.Service}: {service.Running} of {service.Desired} running ({where})");
            foreach (var error in service.Errors)
                text.AppendLine($"  {error}");
        }
        if (DownNodes.Count > 0)
            text.AppendLine($"down: {string.Join(", ", DownNodes.Select(n => n.Hostname))}");
        return text.ToString().TrimEnd();
    }
}
