using Drydock.Docker;

namespace Drydock.Remote.IntegrationTests;

/// <summary><c>docker info --format {{.Name}}</c>: the engine's host name, which tells which engine answered.</summary>
public sealed record DockerInfoNameSettings : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["info", "--format", "{{.Name}}"];
}
