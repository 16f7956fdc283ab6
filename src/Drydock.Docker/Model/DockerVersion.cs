namespace Drydock.Docker;

/// <summary>Client and engine versions; <see cref="ServerVersion"/> is null when no engine answered.</summary>
public sealed record DockerVersion(string ClientVersion, string? ServerVersion, string? ServerApiVersion)
{
    public bool EngineAnswers => ServerVersion is not null;
}
