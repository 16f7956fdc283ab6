namespace Drydock.Docker;

/// <summary><c>docker image inspect</c>: prints a JSON array, one object per image found.</summary>
public sealed record DockerImageInspectSettings(IReadOnlyList<string> References) : IDockerSettings
{
    public DockerImageInspectSettings(string reference) : this([reference]) { }

    public IReadOnlyList<string> ToArguments() => ["image", "inspect", .. References];
}
