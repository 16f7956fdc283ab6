namespace Drydock.Docker;

/// <summary><c>docker ps</c> with one JSON object per line, filtered by labels (how the release chain finds its containers).</summary>
public sealed record DockerPsSettings : IDockerSettings
{
    /// <summary>Include stopped containers.</summary>
    public bool All { get; init; } = true;

    /// <summary>Each entry is <c>key</c> or <c>key=value</c>; docker requires all of them to match.</summary>
    public IReadOnlyList<string> LabelFilters { get; init; } = [];

    /// <summary>Other filters as docker spells them, e.g. <c>name=web</c>, <c>status=running</c>.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("ps")
            .Flag("--all", All)
            .Add("--no-trunc")
            .Repeated("--filter", LabelFilters.Select(label => "label=" + label).Concat(Filters))
            .Option("--format", "{{json .}}")
            .ToList();
}
