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

/// <summary><c>docker network ls</c>, one name per line.</summary>
public sealed record DockerNetworkLsSettings : IDockerSettings
{
    /// <summary>Each entry is <c>key</c> or <c>key=value</c>.</summary>
    public IReadOnlyList<string> LabelFilters { get; init; } = [];

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("network", "ls")
            .Repeated("--filter", LabelFilters.Select(label => "label=" + label))
            .Option("--format", "{{.Name}}")
            .ToList();
}

/// <summary><c>docker network disconnect</c>: a network with a container still attached cannot be removed.</summary>
public sealed record DockerNetworkDisconnectSettings(string Network, string Container) : IDockerSettings
{
    public bool Force { get; init; }

    public IReadOnlyList<string> ToArguments() => new ArgumentList("network", "disconnect").Flag("--force", Force).Add(Network).Add(Container).ToList();
}
