namespace Drydock.Docker;

/// <summary>
/// <c>docker port</c>: the host addresses a container port is published on, one <c>ip:port</c> per line (e.g. the
/// ephemeral port docker picked for <c>-p 127.0.0.1::8080</c>).
/// </summary>
public sealed record DockerPortSettings(string Container, int ContainerPort, string Protocol = "tcp") : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["port", Container, $"{ContainerPort}/{Protocol}"];
}
