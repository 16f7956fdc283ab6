namespace Drydock.Docker;

/// <summary><c>docker diff</c>: what a container changed in its writable layer (A added, C changed, D deleted).</summary>
public sealed record DockerDiffSettings(string Container) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["diff", Container];
}
