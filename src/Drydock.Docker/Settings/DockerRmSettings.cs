namespace Drydock.Docker;

/// <summary><c>docker rm</c> of containers.</summary>
public sealed record DockerRmSettings(IReadOnlyList<string> Containers) : IDockerSettings
{
    public DockerRmSettings(string container) : this([container]) { }

    /// <summary>Kill running containers first.</summary>
    public bool Force { get; init; }

    /// <summary>Also remove the anonymous volumes of the containers (named volumes stay).</summary>
    public bool Volumes { get; init; }

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("rm").Flag("--force", Force).Flag("--volumes", Volumes).AddRange(Containers).ToList();
}
