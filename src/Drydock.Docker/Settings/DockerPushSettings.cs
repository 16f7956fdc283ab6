namespace Drydock.Docker;

/// <summary><c>docker push</c> of one reference; the pushed digest is read from its last output line.</summary>
public sealed record DockerPushSettings(string Reference) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["push", Reference];
}
