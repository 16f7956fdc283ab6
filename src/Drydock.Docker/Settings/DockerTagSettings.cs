namespace Drydock.Docker;

/// <summary><c>docker tag</c>: gives an existing image another name.</summary>
public sealed record DockerTagSettings(string Source, string Target) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["tag", Source, Target];
}
