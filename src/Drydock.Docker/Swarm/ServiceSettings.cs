namespace Drydock.Docker;

/// <summary><c>docker service update</c>: changes one service's spec in place; swarm rolls its tasks per the update policy.</summary>
public sealed record DockerServiceUpdateSettings(string Name) : IDockerSettings
{
    public string? Image { get; init; }

    public int? Replicas { get; init; }

    public IReadOnlyDictionary<string, string> AddEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveEnvironment { get; init; } = [];

    public IReadOnlyDictionary<string, string> AddLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveLabels { get; init; } = [];

    public IReadOnlyList<string> AddConstraints { get; init; } = [];

    public IReadOnlyList<string> RemoveConstraints { get; init; } = [];

    public ServiceUpdatePolicy? Update { get; init; }

    /// <summary><c>--rollback</c>: back to the previous spec swarm kept.</summary>
    public bool Rollback { get; init; }

    /// <summary>Restart every task even when nothing in the spec changed.</summary>
    public bool Force { get; init; }

    public bool WithRegistryAuth { get; init; } = true;

    /// <summary>False: the CLI follows convergence and returns when the update is done (or paused).</summary>
    public bool Detach { get; init; } = true;

    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new ArgumentList("service", "update")
            .Option("--image", Image)
            .Option("--replicas", Replicas)
            .Pairs("--env-add", AddEnvironment)
            .Repeated("--env-rm", RemoveEnvironment)
            .Pairs("--label-add", AddLabels)
            .Repeated("--label-rm", RemoveLabels)
            .Repeated("--constraint-add", AddConstraints)
            .Repeated("--constraint-rm", RemoveConstraints);
        Update?.AppendTo(arguments, "update");
        return arguments
            .Flag("--rollback", Rollback)
            .Flag("--force", Force)
            .Flag("--with-registry-auth", WithRegistryAuth && !Rollback)
            .Flag("--detach", Detach)
            .Add(Name)
            .ToList();
    }
}

/// <summary><c>docker service scale name=N</c> (e.g. an old release to zero, kept for rollback).</summary>
public sealed record DockerServiceScaleSettings(string Name, int Replicas) : IDockerSettings
{
    public bool Detach { get; init; } = true;

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("service", "scale").Flag("--detach", Detach).Add($"{Name}={Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
}

/// <summary><c>docker service inspect</c>: a JSON array, read by <see cref="SwarmOutput.ParseServiceInspect"/>.</summary>
public sealed record DockerServiceInspectSettings(IReadOnlyList<string> Services) : IDockerSettings
{
    public DockerServiceInspectSettings(string service) : this([service]) { }

    public IReadOnlyList<string> ToArguments() => ["service", "inspect", .. Services];
}

/// <summary><c>docker service ps --no-trunc --format '{{json .}}'</c>: one line per task, history included unless filtered.</summary>
public sealed record DockerServicePsSettings(IReadOnlyList<string> Services) : IDockerSettings
{
    public DockerServicePsSettings(string service) : this([service]) { }

    /// <summary><c>running</c>, <c>shutdown</c> or <c>accepted</c>: only tasks swarm wants in that state.</summary>
    public string? DesiredState { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("service", "ps", "--no-trunc")
            .Option("--filter", DesiredState is null ? null : $"desired-state={DesiredState}")
            .Option("--format", "{{json .}}")
            .AddRange(Services)
            .ToList();
}

/// <summary><c>docker service ls --format '{{json .}}'</c>, optionally by label.</summary>
public sealed record DockerServiceLsSettings : IDockerSettings
{
    public IReadOnlyList<string> LabelFilters { get; init; } = [];

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("service", "ls")
            .Repeated("--filter", LabelFilters.Select(l => $"label={l}"))
            .Option("--format", "{{json .}}")
            .ToList();
}

/// <summary><c>docker service rm</c>.</summary>
public sealed record DockerServiceRmSettings(IReadOnlyList<string> Services) : IDockerSettings
{
    public DockerServiceRmSettings(string service) : this([service]) { }

    public IReadOnlyList<string> ToArguments() => ["service", "rm", .. Services];
}
