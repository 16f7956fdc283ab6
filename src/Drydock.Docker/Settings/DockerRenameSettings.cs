namespace Drydock.Docker;

/// <summary><c>docker rename</c>: a running container keeps running (and keeps its ports) under its new name.</summary>
public sealed record DockerRenameSettings(string Container, string NewName) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["rename", Container, NewName];
}
