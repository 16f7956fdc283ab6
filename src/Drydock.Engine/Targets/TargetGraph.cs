using System.Reflection;

namespace Drydock.Engine.Targets;

/// <summary>Every target of a build, found by reflection over its <see cref="Target"/> properties and linked by name.</summary>
public sealed class TargetGraph
{
    private readonly Dictionary<string, TargetNode> _byName;

    private TargetGraph(IReadOnlyList<TargetNode> nodes)
    {
        Nodes = nodes;
        _byName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>In declaration order.</summary>
    public IReadOnlyList<TargetNode> Nodes { get; }

    public TargetNode? Default => Nodes.FirstOrDefault(n => n.IsDefault);

    public TargetNode? Find(string name) => _byName.GetValueOrDefault(name);

    public static TargetGraph FromBuild(object build, Func<object, Target>? defaultTarget = null)
    {
        var properties = TargetProperties(build.GetType());
        var delegates = properties.Select(p => (Target)p.GetValue(build)!).ToList();

        // Each access to a target property makes a new delegate, but they all share the lambda's method.
        var nameByMethod = new Dictionary<MethodInfo, string>();
        for (var i = 0; i < properties.Count; i++)
            nameByMethod[delegates[i].Method] = properties[i].Name;

        var nodes = new List<TargetNode>();
        for (var i = 0; i < properties.Count; i++)
        {
            var definition = new TargetDefinition();
            delegates[i](definition);
            nodes.Add(new TargetNode(properties[i].Name, i, definition));
        }

        var byName = nodes.ToDictionary(n => n.Name);
        TargetNode Resolve(Target target, TargetNode referrer) =>
            nameByMethod.TryGetValue(target.Method, out var name)
                ? byName[name]
                : throw new InvalidOperationException(
                    $"Target '{referrer.Name}' refers to a target that is not a property of {build.GetType().Name}. Refer to target properties only, e.g. DependsOn(Compile).");

        foreach (var node in nodes)
        {
            var d = node.Definition;
            AddAll(node.Dependencies, d.DependsOnTargets.Select(t => Resolve(t, node)));
            foreach (var dependent in d.DependentForTargets.Select(t => Resolve(t, node)))
                AddAll(dependent.Dependencies, [node]);
            AddAll(node.RunsAfter, d.AfterTargets.Select(t => Resolve(t, node)));
            foreach (var later in d.BeforeTargets.Select(t => Resolve(t, node)))
                AddAll(later.RunsAfter, [node]);
            AddAll(node.Triggers, d.TriggersTargets.Select(t => Resolve(t, node)));
            foreach (var trigger in d.TriggeredByTargets.Select(t => Resolve(t, node)))
                AddAll(trigger.Triggers, [node]);
        }

        if (defaultTarget is not null)
            byName[nameByMethod[defaultTarget(build).Method]].IsDefault = true;

        return new TargetGraph(nodes);
    }

    private static List<PropertyInfo> TargetProperties(Type type)
    {
        var found = new List<PropertyInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            found.InsertRange(0, t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.MetadataToken));
        return found;
    }

    private static void AddAll(List<TargetNode> list, IEnumerable<TargetNode> items)
    {
        foreach (var item in items)
            if (!list.Contains(item))
                list.Add(item);
    }
}
