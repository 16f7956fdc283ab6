namespace Drydock.Docker;

/// <summary><c>docker node ls --format '{{json .}}'</c>: one line per node (manager only).</summary>
public sealed record DockerNodeLsSettings : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["node", "ls", "--format", "{{json .}}"];
}

/// <summary><c>docker node inspect</c>: a JSON array, one object per node (<c>self</c> is the engine asked).</summary>
public sealed record DockerNodeInspectSettings(IReadOnlyList<string> Nodes) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["node", "inspect", .. Nodes];
}

/// <summary><c>docker node update --label-add k=v --label-rm k --availability …</c>.</summary>
public sealed record DockerNodeUpdateSettings(string Node) : IDockerSettings
{
    public IReadOnlyDictionary<string, string> AddLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveLabels { get; init; } = [];

    /// <summary><c>active</c>, <c>pause</c> or <c>drain</c>.</summary>
    public string? Availability { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("node", "update")
            .Pairs("--label-add", AddLabels)
            .Repeated("--label-rm", RemoveLabels)
            .Option("--availability", Availability)
            .Add(Node)
            .ToList();
}
