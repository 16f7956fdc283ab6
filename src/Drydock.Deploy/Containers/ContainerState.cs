namespace Drydock.Deploy;

/// <summary>
/// What <c>docker container inspect</c> says about a container, in the detail deploy, status and drift need
/// (configuration, host configuration, mounts, published ports, health log), beyond Drydock.Docker's ContainerDetails.
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

    /// <summary>The same inspect as Drydock.Docker reads it, for code built on that library (the edge provisioner).</summary>
    public Drydock.Docker.ContainerDetails? Details { get; init; }

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
}

/// <summary>A container port published on a host address.</summary>
public sealed record PublishedPort(string ContainerPort, string HostIp, int HostPort);

/// <summary>A volume or bind mount: named volumes have a name, binds a source path.</summary>
public sealed record ContainerMount(string Type, string? Name, string Source, string Destination, bool ReadWrite);
