namespace Drydock.Docker;

/// <summary>
/// <c>docker service create</c> of one release: the image pinned by digest, reached through DNS round robin on an
/// overlay network (no ingress mesh or VIP: neither works without IPVS), published in host mode on each node when at all.
/// </summary>
public sealed record DockerServiceCreateSettings(string Name, string Image) : IDockerSettings
{
    /// <summary>Replicated with this many tasks; ignored when <see cref="Global"/>.</summary>
    public int? Replicas { get; init; }

    /// <summary><c>--replicas-max-per-node</c>: e.g. 1 to spread replicas over distinct nodes.</summary>
    public int? MaxReplicasPerNode { get; init; }

    /// <summary><c>--mode global</c>: one task per eligible node.</summary>
    public bool Global { get; init; }

    /// <summary><c>dnsrr</c> (tasks by their own IPs) or <c>vip</c>.</summary>
    public string? EndpointMode { get; init; } = "dnsrr";

    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>Labels on the service itself (what <c>service inspect</c> reads back).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels on every task's container (what <c>docker ps</c> on a node shows).</summary>
    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Read by the CLI on the machine that runs it; values stay off the command line.</summary>
    public IReadOnlyList<string> EnvironmentFiles { get; init; } = [];

    public IReadOnlyList<ServiceMount> Mounts { get; init; } = [];

    /// <summary>Placement constraints such as <c>node.labels.dev.drydock.volume==notes-data</c>.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    public IReadOnlyList<ServicePort> Publish { get; init; } = [];

    public ContainerHealthCheck? HealthCheck { get; init; }

    public ServiceUpdatePolicy? Update { get; init; }

    public ServiceUpdatePolicy? Rollback { get; init; }

    /// <summary>Hands the caller's registry credentials to the nodes, which pull the image themselves.</summary>
    public bool WithRegistryAuth { get; init; } = true;

    /// <summary>Return as soon as the spec is accepted instead of following convergence on the terminal.</summary>
    public bool Detach { get; init; } = true;

    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary><c>--read-only</c> root filesystem of every task.</summary>
    public bool ReadOnly { get; init; }

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary><c>--limit-memory</c> as docker reads it (<c>512m</c>).</summary>
    public string? LimitMemory { get; init; }

    /// <summary><c>--limit-cpu</c> (<c>1.0</c>).</summary>
    public string? LimitCpu { get; init; }

    public string? User { get; init; }

    /// <summary><c>--stop-grace-period</c>: SIGTERM grace for in-flight requests when a task is stopped.</summary>
    public TimeSpan? StopGracePeriod { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new ArgumentList("service", "create")
            .Option("--name", Name)
            .Option("--mode", Global ? "global" : null)
            .Option("--replicas", Global ? null : Replicas)
            .Option("--replicas-max-per-node", Global ? null : MaxReplicasPerNode)
            .Option("--endpoint-mode", EndpointMode)
            .Repeated("--network", Networks)
            .Pairs("--label", Labels)
            .Pairs("--container-label", ContainerLabels)
            .Pairs("--env", Environment)
            .Repeated("--env-file", EnvironmentFiles)
            .Repeated("--mount", Mounts.Select(m => m.ToString()))
            .Repeated("--constraint", Constraints)
            .Repeated("--publish", Publish.Select(p => p.ToString()))
            .Flag("--read-only", ReadOnly)
            .Repeated("--cap-drop", CapDrop)
            .Option("--limit-memory", LimitMemory)
            .Option("--limit-cpu", LimitCpu)
            .Option("--user", User)
            .Option("--stop-grace-period", StopGracePeriod);
        HealthCheck?.AppendTo(arguments);
        Update?.AppendTo(arguments, "update");
        Rollback?.AppendTo(arguments, "rollback");
        return arguments
            .Flag("--with-registry-auth", WithRegistryAuth)
            .Flag("--detach", Detach)
            .Add(Image)
            .AddRange(Command)
            .ToList();
    }
}

/// <summary>A <c>--mount type=volume,source=…,target=…[,readonly]</c> (or <c>type=bind</c>; <c>type=tmpfs</c> has no source).</summary>
public sealed record ServiceMount(string Source, string Target, bool ReadOnly = false, string Type = "volume")
{
    public static ServiceMount Tmpfs(string target) => new(string.Empty, target, Type: "tmpfs");

    public override string ToString() =>
        $"type={Type}" + (Source.Length > 0 ? $",source={Source}" : string.Empty) + $",target={Target}" + (ReadOnly ? ",readonly" : string.Empty);
}

/// <summary>A <c>--publish mode=host,target=8080,published=80</c>: bound on the node running the task, no routing mesh.</summary>
public sealed record ServicePort(int Published, int Target, string Mode = "host", string Protocol = "tcp")
{
    public override string ToString() =>
        $"mode={Mode},target={Target},published={Published}" + (Protocol == "tcp" ? string.Empty : $",protocol={Protocol}");
}

/// <summary><c>--update-*</c> / <c>--rollback-*</c>: how many tasks at a time, in which order, what a failure does.</summary>
public sealed record ServiceUpdatePolicy
{
    public int? Parallelism { get; init; }

    /// <summary><c>start-first</c> or <c>stop-first</c>.</summary>
    public string? Order { get; init; }

    /// <summary><c>pause</c>, <c>continue</c> or (updates only) <c>rollback</c>.</summary>
    public string? FailureAction { get; init; }

    public TimeSpan? Delay { get; init; }

    public TimeSpan? Monitor { get; init; }

    internal void AppendTo(ArgumentList arguments, string kind) =>
        arguments
            .Option($"--{kind}-parallelism", Parallelism)
            .Option($"--{kind}-order", Order)
            .Option($"--{kind}-failure-action", FailureAction)
            .Option($"--{kind}-delay", Delay)
            .Option($"--{kind}-monitor", Monitor);
}
