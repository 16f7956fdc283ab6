namespace Drydock.Docker;

/// <summary><c>docker run</c>, with the hardening options the release chain uses. Detached unless told otherwise.</summary>
public sealed record DockerRunSettings(string Image) : IDockerSettings
{
    /// <summary>Arguments after the image: the command, or arguments to the image's entrypoint.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public string? Name { get; init; }

    public bool Detach { get; init; } = true;

    /// <summary><c>--rm</c>: remove the container when it exits (one-off runs).</summary>
    public bool Remove { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Files of KEY=value lines; the way secrets reach a container, since <c>-e</c> values are visible in <c>ps</c>.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>Secrets as <c>--env NAME</c>, their values in the docker CLI's own environment: no file, no value on a command line.</summary>
    public ContainerSecrets Secrets { get; init; } = ContainerSecrets.None;

    public IReadOnlyDictionary<string, string?> ProcessEnvironment => Secrets.ProcessEnvironment;

    /// <summary>Plain <c>-e KEY=value</c>: for non-secret values only.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    public IReadOnlyList<PortMapping> Publish { get; init; } = [];

    public string? Network { get; init; }

    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    public string? Hostname { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary><c>--tmpfs</c> mounts, e.g. <c>/tmp:rw,noexec,nosuid,size=64m</c>.</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary>e.g. <c>no-new-privileges</c>.</summary>
    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    /// <summary>e.g. <c>unless-stopped</c>, <c>on-failure:3</c>.</summary>
    public string? Restart { get; init; }

    /// <summary>e.g. <c>256m</c>.</summary>
    public string? Memory { get; init; }

    /// <summary>e.g. <c>0.5</c>.</summary>
    public string? Cpus { get; init; }

    public int? PidsLimit { get; init; }

    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public string? Entrypoint { get; init; }

    public TimeSpan? StopTimeout { get; init; }

    public bool Init { get; init; }

    public ContainerHealthCheck? HealthCheck { get; init; }

    /// <summary><c>--pull missing|always|never</c>; null: the engine's default (missing). <c>never</c> for local-only images, so a missing one fails at once instead of trying a registry.</summary>
    public string? Pull { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new ArgumentList("run")
            .Flag("--detach", Detach)
            .Flag("--rm", Remove)
            .Option("--name", Name)
            .Pairs("--label", Labels)
            .Repeated("--env-file", EnvFiles)
            .Repeated("--env", Secrets.Names)
            .Pairs("--env", Environment)
            .Repeated("--volume", Volumes.Select(v => v.ToString()))
            .Repeated("--publish", Publish.Select(p => p.ToString()))
            .Option("--network", Network)
            .Repeated("--network-alias", NetworkAliases)
            .Option("--hostname", Hostname)
            .Flag("--read-only", ReadOnly)
            .Repeated("--tmpfs", Tmpfs)
            .Repeated("--cap-drop", CapDrop)
            .Repeated("--cap-add", CapAdd)
            .Repeated("--security-opt", SecurityOpt)
            .Option("--restart", Restart)
            .Option("--memory", Memory)
            .Option("--cpus", Cpus)
            .Option("--pids-limit", PidsLimit)
            .Option("--user", User)
            .Option("--workdir", WorkingDirectory)
            .Option("--entrypoint", Entrypoint)
            .Option("--stop-timeout", StopTimeout is { } timeout ? (int)timeout.TotalSeconds : null)
            .Flag("--init", Init)
            .Option("--pull", Pull);
        HealthCheck?.AppendTo(arguments);
        return arguments.Add(Image).AddRange(Command).ToList();
    }
}
