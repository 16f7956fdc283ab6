namespace Drydock.Docker;

/// <summary>
/// What <c>docker container inspect</c> says about a container: state, health and its last output, configuration, host
/// configuration (limits, hardening, port bindings), mounts and the ports in effect. The one inspect model of the code
/// base (deploy, status, drift, the edge), read by <see cref="DockerOutput.ParseContainerInspect"/>.
/// </summary>
public sealed record ContainerState(string Id, string Name, string ImageId, string ConfiguredImage, IReadOnlyDictionary<string, string> Labels)
{
    public string Status { get; init; } = string.Empty;

    public bool Running { get; init; }

    public int ExitCode { get; init; }

    public int RestartCount { get; init; }

    public DateTimeOffset Created { get; init; }

    /// <summary>Default (year 1) when the container never started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    /// <summary><c>starting</c>, <c>healthy</c> or <c>unhealthy</c>; null without a health check.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>The output of the last health check, for failure messages.</summary>
    public string? LastHealthOutput { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string User { get; init; } = string.Empty;

    public long MemoryBytes { get; init; }

    public long NanoCpus { get; init; }

    public long? PidsLimit { get; init; }

    public string RestartPolicy { get; init; } = string.Empty;

    public bool ReadOnlyRootFilesystem { get; init; }

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    /// <summary>Requested bindings (<c>HostConfig.PortBindings</c>), e.g. <c>8080/tcp → 127.0.0.1:8080</c>; port 0 means ephemeral.</summary>
    public IReadOnlyList<PublishedPort> PortBindings { get; init; } = [];

    /// <summary>Bindings in effect while running (<c>NetworkSettings.Ports</c>), with ephemeral ports resolved.</summary>
    public IReadOnlyList<PublishedPort> ActivePorts { get; init; } = [];

    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    /// <summary>Mount points of tmpfs (<c>HostConfig.Tmpfs</c>).</summary>
    public IReadOnlyList<string> TmpfsMounts { get; init; } = [];

    public bool NeverStarted => StartedAt.Year <= 1;

    public bool IsHealthy => HealthStatus == "healthy";

    /// <summary>The host port a container port is published on while running; null when it is not (or the container is stopped).</summary>
    public int? HostPort(int containerPort, string protocol = "tcp") =>
        ActivePorts.FirstOrDefault(p => p.ContainerPort == $"{containerPort}/{protocol}" && p.HostPort is > 0 and <= 65535)?.HostPort;
}

/// <summary>A container port published on a host address.</summary>
public sealed record PublishedPort(string ContainerPort, string HostIp, int HostPort);

/// <summary>A volume or bind mount: named volumes have a name, binds a source path.</summary>
public sealed record ContainerMount(string Type, string? Name, string Source, string Destination, bool ReadWrite);
