namespace Drydock.Docker;

/// <summary><c>docker network create</c>: a user-defined bridge gives containers DNS names for each other.</summary>
public sealed record DockerNetworkCreateSettings(string Name) : IDockerSettings
{
    public string? Driver { get; init; }

    /// <summary>No route to the outside world.</summary>
    public bool Internal { get; init; }

    /// <summary>For an overlay network: plain containers (not only swarm tasks) may join it, e.g. a probe or a one-off task.</summary>
    public bool Attachable { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("network", "create")
            .Option("--driver", Driver)
            .Flag("--internal", Internal)
            .Flag("--attachable", Attachable)
            .Pairs("--label", Labels)
            .Add(Name)
            .ToList();
}

/// <summary><c>docker network rm</c>.</summary>
public sealed record DockerNetworkRmSettings(IReadOnlyList<string> Names) : IDockerSettings
{
    public DockerNetworkRmSettings(string name) : this([name]) { }

    public IReadOnlyList<string> ToArguments() => ["network", "rm", .. Names];
}
