namespace Drydock.Deploy;

/// <summary>
/// One companion of an environment (a database, a cache) as the repository's Compose file declares it, after
/// interpolation: what runs beside every release on the environment's private network, reachable by <see cref="Name"/>.
/// The compose reader produces it; the companion runtime renders it to <c>docker run</c> and decides when it changed.
/// </summary>
/// <param name="Name">The compose service name: the network alias the app connects to (<c>Host=postgres</c>).</param>
/// <param name="Image">As written in the file after interpolation (a tag or a digest); pinned to a digest at the first deploy.</param>
public sealed record CompanionSpec(string Name, string Image)
{
    /// <summary>Replaces the image's CMD; null keeps it.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Replaces the image's ENTRYPOINT; null keeps it.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Plain values (compose <c>environment</c> and <c>env_file</c>), never secrets.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret values the container receives; each value comes from the runner's environment at deploy time.</summary>
    public IReadOnlyList<CompanionSecret> Secrets { get; init; } = [];

    public IReadOnlyList<CompanionVolume> Volumes { get; init; } = [];

    public CompanionHealthCheck? HealthCheck { get; init; }

    /// <summary>Companions that must be running (and healthy, when <see cref="CompanionDependency.Healthy"/>) first.</summary>
    public IReadOnlyList<CompanionDependency> DependsOn { get; init; } = [];

    public string? User { get; init; }

    /// <summary>Compose <c>tmpfs</c> entries, e.g. <c>/run</c> or <c>/tmp:size=64m</c>.</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    /// <summary>Compose <c>shm_size</c> as docker takes it, e.g. <c>256m</c>.</summary>
    public string? ShmSize { get; init; }

    /// <summary><c>deploy.resources.limits.memory</c>, e.g. <c>512m</c>.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary><c>deploy.resources.limits.cpus</c>, e.g. <c>0.5</c>.</summary>
    public string? CpuLimit { get; init; }

    /// <summary>Published ports; loopback unless the file names another address.</summary>
    public IReadOnlyList<CompanionPort> Ports { get; init; } = [];
}

/// <summary>A named volume (<see cref="Source"/> is the compose volume name, stored as <c>&lt;app&gt;-&lt;env&gt;-&lt;name&gt;</c>) or a read-only file of the repository (<see cref="RepositoryFile"/>).</summary>
public sealed record CompanionVolume(string Source, string Target, bool ReadOnly = false)
{
    /// <summary>True for a bind of a file in the repository (e.g. an init script), copied to the host for remote engines.</summary>
    public bool RepositoryFile { get; init; }
}

/// <summary>A secret as compose declares it: delivered as <see cref="Target"/> from the runner's variable <see cref="Variable"/>.</summary>
public sealed record CompanionSecret(string Name, string Variable, string Target);

/// <summary>Compose <c>healthcheck</c>: <see cref="ShellCommand"/> is the test as <c>CMD-SHELL</c> runs it.</summary>
public sealed record CompanionHealthCheck(string ShellCommand)
{
    public TimeSpan? Interval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int? Retries { get; init; }

    public TimeSpan? StartPeriod { get; init; }
}

/// <summary>Compose <c>depends_on</c>: <see cref="Healthy"/> for <c>condition: service_healthy</c>.</summary>
public sealed record CompanionDependency(string Service, bool Healthy);

/// <summary>Compose <c>ports</c>: published on <see cref="HostAddress"/> (loopback unless the file says otherwise).</summary>
public sealed record CompanionPort(int ContainerPort, int HostPort, string HostAddress = "127.0.0.1");

/// <summary>
/// The compose services Drydock runs for one environment: its companions (in start order) and what the app's own
/// service (the one whose <c>build:</c> is the deployed project) adds to every release.
/// </summary>
public sealed record CompanionSet(IReadOnlyList<CompanionSpec> Companions)
{
    public static CompanionSet None { get; } = new([]);

    /// <summary>The app service's plain environment (e.g. <c>ConnectionStrings__Shop</c>), applied to every release.</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The app service's secrets, from the runner's environment like any Drydock secret.</summary>
    public IReadOnlyList<CompanionSecret> AppSecrets { get; init; } = [];

    /// <summary>The companions the app waits for.</summary>
    public IReadOnlyList<CompanionDependency> AppDependsOn { get; init; } = [];

    /// <summary>Where the file was read from, for messages; null when there is none.</summary>
    public string? SourceFile { get; init; }
}
