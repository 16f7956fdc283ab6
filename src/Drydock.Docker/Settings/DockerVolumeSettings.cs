namespace Drydock.Docker;

/// <summary><c>docker volume create</c>.</summary>
public sealed record DockerVolumeCreateSettings(string Name) : IDockerSettings
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? Driver { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("volume", "create").Option("--driver", Driver).Pairs("--label", Labels).Add(Name).ToList();
}

/// <summary><c>docker volume ls</c> with one JSON object per line.</summary>
public sealed record DockerVolumeLsSettings : IDockerSettings
{
    /// <summary>Each entry is <c>key</c> or <c>key=value</c>.</summary>
    public IReadOnlyList<string> LabelFilters { get; init; } = [];

    /// <summary><c>--filter name=…</c>: docker matches it as a part of the name, so callers compare the names they get.</summary>
    public string? NameFilter { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("volume", "ls")
            .Repeated("--filter", LabelFilters.Select(label => "label=" + label))
            .Repeated("--filter", NameFilter is null ? [] : ["name=" + NameFilter])
            .Option("--format", "{{json .}}")
            .ToList();
}

/// <summary><c>docker volume rm</c>: deletes the data; refuses volumes still in use unless forced.</summary>
public sealed record DockerVolumeRmSettings(IReadOnlyList<string> Names) : IDockerSettings
{
    public DockerVolumeRmSettings(string name) : this([name]) { }

    public bool Force { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("volume", "rm").Flag("--force", Force).AddRange(Names).ToList();
}
