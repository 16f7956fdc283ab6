namespace Drydock.Docker;

/// <summary><c>docker logs</c>: the container's stdout arrives on stdout, its stderr on stderr.</summary>
public sealed record DockerLogsSettings(string Container) : IDockerSettings
{
    /// <summary>Number of lines from the end; all when null.</summary>
    public int? Tail { get; init; } = 100;

    public bool Timestamps { get; init; }

    /// <summary>e.g. <c>10m</c> or an RFC 3339 timestamp.</summary>
    public string? Since { get; init; }

    /// <summary><c>--follow</c>: keep printing until stopped (Ctrl-C).</summary>
    public bool Follow { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("logs")
            .Flag("--follow", Follow)
            .Option("--tail", Tail)
            .Flag("--timestamps", Timestamps)
            .Option("--since", Since)
            .Add(Container)
            .ToList();
}
