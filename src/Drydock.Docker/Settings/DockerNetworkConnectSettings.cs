namespace Drydock.Docker;

/// <summary><c>docker network connect</c>: attaches a running or stopped container to one more network.</summary>
public sealed record DockerNetworkConnectSettings(string Network, string Container) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["network", "connect", Network, Container];
}
