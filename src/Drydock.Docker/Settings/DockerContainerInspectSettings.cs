namespace Drydock.Docker;

/// <summary><c>docker container inspect</c>: prints a JSON array, one object per container found.</summary>
public sealed record DockerContainerInspectSettings(IReadOnlyList<string> Containers) : IDockerSettings
{
    public DockerContainerInspectSettings(string container) : this([container]) { }

    public IReadOnlyList<string> ToArguments() => ["container", "inspect", .. Containers];
}
