namespace Drydock.Docker;

/// <summary><c>docker image rm</c>: untags, and deletes images no longer referenced.</summary>
public sealed record DockerImageRmSettings(IReadOnlyList<string> References) : IDockerSettings
{
    public DockerImageRmSettings(string reference) : this([reference]) { }

    public bool Force { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("image", "rm").Flag("--force", Force).AddRange(References).ToList();
}
