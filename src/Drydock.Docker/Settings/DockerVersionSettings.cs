namespace Drydock.Docker;

/// <summary><c>docker version</c> as JSON; fails (exit 1, with the client half printed) when no daemon answers.</summary>
public sealed record DockerVersionSettings : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["version", "--format", "{{json .}}"];
}
