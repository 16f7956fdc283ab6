namespace Drydock.Docker;

/// <summary>What <c>docker container inspect</c> says about one container.</summary>
public sealed record ContainerDetails(
    string Id,
    string Name,
    string ImageId,
    string ConfiguredImage,
    string Status,
    bool Running,
    int ExitCode,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary><c>starting</c>, <c>healthy</c> or <c>unhealthy</c>; null when the container has no health check.</summary>
    public string? HealthStatus { get; init; }

    public int RestartCount { get; init; }

    public bool IsHealthy => HealthStatus == "healthy";
}
