namespace Drydock.Docker;

/// <summary><c>docker stop -t</c>: SIGTERM, then SIGKILL after the timeout.</summary>
public sealed record DockerStopSettings(IReadOnlyList<string> Containers) : IDockerSettings
{
    public DockerStopSettings(string container) : this([container]) { }

    public TimeSpan? Timeout { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("stop")
            .Option("-t", Timeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null)
            .AddRange(Containers)
            .ToList();
}
