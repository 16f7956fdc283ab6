namespace Drydock.Docker;

/// <summary><c>docker start</c> of created or stopped containers (in the background).</summary>
public sealed record DockerStartSettings(IReadOnlyList<string> Containers) : IDockerSettings
{
    public DockerStartSettings(string container) : this([container]) { }

    public IReadOnlyList<string> ToArguments() => ["start", .. Containers];
}
