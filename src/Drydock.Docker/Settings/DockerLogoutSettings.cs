namespace Drydock.Docker;

/// <summary><c>docker logout</c>: forgets the stored credentials of one registry.</summary>
public sealed record DockerLogoutSettings(string Server) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["logout", Server];
}
