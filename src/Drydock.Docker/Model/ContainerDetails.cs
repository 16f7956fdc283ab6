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

    /// <summary>Host ports in effect while running (<c>NetworkSettings.Ports</c>), by container port such as <c>8080/tcp</c>; empty when stopped.</summary>
    public IReadOnlyDictionary<string, int> PublishedPorts { get; init; } = new Dictionary<string, int>();

    /// <summary>The host port a container port is published on while running; null when it is not (or the container is stopped).</summary>
    public int? HostPort(int containerPort, string protocol = "tcp") =>
        PublishedPorts.TryGetValue($"{containerPort}/{protocol}", out var port) ? port : null;

    public bool IsHealthy => HealthStatus == "healthy";
}
