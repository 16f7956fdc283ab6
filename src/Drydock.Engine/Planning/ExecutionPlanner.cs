using Drydock.Engine.Targets;

namespace Drydock.Engine.Planning;

/// <summary>
/// One algorithm: take the invoked targets, pull in their dependencies and triggers, order everything by
/// dependency, trigger and After/Before edges (declaration order breaks ties), then decide skips.
/// Everything that can be known before running is checked here, so a bad invocation fails before any work.
/// </summary>
public static class ExecutionPlanner
{
    /// <param name="skip">null: skip nothing; empty: skip every target that was not invoked; names: skip those.</param>
    public static IReadOnlyList<PlannedTarget> Plan(TargetGraph graph, IReadOnlyList<TargetNode> invoked, IReadOnlyCollection<TargetNode>? skip = null)
    {
        if (invoked.Count == 0)
            throw new PlanningException("No target to run: name one (./build.sh --help lists them) or mark a default target.");

        var order = Order(graph.Nodes);
        var included = Closure(invoked, n => n.Dependencies.Concat(n.Triggers));

        var skippedByRequest = skip is null
            ? []
            : skip.Count == 0 ? included.Except(invoked).ToHashSet() : skip.Intersect(included).ToHashSet();

        var failedStatic = new Dictionary<TargetNode, string>();
        foreach (var node in included.Where(n => !skippedByRequest.Contains(n)))
        {
            var falseCondition = node.Definition.StaticConditions.FirstOrDefault(c => !Holds(node, c));
            if (falseCondition is not null)
                failedStatic[node] = $"condition false: {falseCondition.Text}";
        }

        // Dependencies that only a statically skipped target needed are skipped with it.
        var needed = Closure(invoked.Where(n => !failedStatic.ContainsKey(n)),
            n => failedStatic.ContainsKey(n) ? [] : n.Dependencies.Concat(n.Triggers).Where(d => !failedStatic.ContainsKey(d)));

        return order.Where(included.Contains).Select(node => new PlannedTarget(node, invoked.Contains(node),
            skippedByRequest.Contains(node) ? "--skip"
            : failedStatic.TryGetValue(node, out var reason) ? reason
            : needed.Contains(node) ? null
            : "only needed by skipped targets")).ToList();
    }

    private static bool Holds(TargetNode node, TargetCondition condition)
    {
        try
        {
            return condition.Evaluate();
        }
        catch (Exception e) when (e is not PlanningException)
        {
            throw new PlanningException($"The condition of {node.Name} ({condition.Text}) could not be evaluated: {e.Message}");
        }
    }

    /// <summary>A topological order of the whole graph; a cycle anywhere is a mistake in the build and is named.</summary>
    public static IReadOnlyList<TargetNode> Order(IReadOnlyList<TargetNode> nodes)
    {
        var predecessors = nodes.ToDictionary(n => n, _ => new HashSet<TargetNode>());
        foreach (var node in nodes)
        {
            predecessors[node].UnionWith(node.Dependencies);
            predecessors[node].UnionWith(node.RunsAfter);
            foreach (var triggered in node.Triggers)
                predecessors[triggered].Add(node);
        }

        var ordered = new List<TargetNode>();
        var remaining = nodes.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(n => predecessors[n].All(ordered.Contains));
            if (next is null)
                throw new PlanningException($"The targets form a cycle: {string.Join(" → ", FindCycle(remaining, predecessors))}. Remove one of these edges (DependsOn, After/Before or Triggers).");
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }

    private static HashSet<TargetNode> Closure(IEnumerable<TargetNode> start, Func<TargetNode, IEnumerable<TargetNode>> next)
    {
        var seen = new HashSet<TargetNode>();
        var stack = new Stack<TargetNode>(start);
        while (stack.TryPop(out var node))
            if (seen.Add(node))
                foreach (var n in next(node))
                    stack.Push(n);
        return seen;
    }

    private static List<string> FindCycle(List<TargetNode> remaining, Dictionary<TargetNode, HashSet<TargetNode>> predecessors)
    {
        // Every remaining node has a remaining predecessor, so walking predecessors must revisit a node.
        var path = new List<TargetNode>();
        var node = remaining[0];
        while (!path.Contains(node))
        {
            path.Add(node);
            node = predecessors[node].First(remaining.Contains);
        }
        var cycle = path.Skip(path.IndexOf(node)).Reverse().Select(n => n.Name).ToList();
        cycle.Add(cycle[0]);
        return cycle;
    }
}
