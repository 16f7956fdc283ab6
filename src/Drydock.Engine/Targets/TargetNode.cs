namespace Drydock.Engine.Targets;

/// <summary>A target with its references resolved to other nodes; the unit the planner orders.</summary>
public sealed class TargetNode(string name, int declarationIndex, TargetDefinition definition)
{
    public string Name { get; } = name;
    public int DeclarationIndex { get; } = declarationIndex;
    public TargetDefinition Definition { get; } = definition;
    public bool IsDefault { get; internal set; }

    /// <summary>DependsOn, plus every DependentFor that names this node.</summary>
    public List<TargetNode> Dependencies { get; } = [];

    /// <summary>After, plus every Before that names this node: ordering only.</summary>
    public List<TargetNode> RunsAfter { get; } = [];

    /// <summary>Triggers, plus every TriggeredBy that names this node.</summary>
    public List<TargetNode> Triggers { get; } = [];

    public override string ToString() => Name;
}
