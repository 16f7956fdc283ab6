namespace Drydock.Deploy;

/// <summary>
/// How one environment runs the service: ports, configuration, volumes, limits and the release policy. Read from
/// <c>.nuke/environments/&lt;env&gt;.json</c> (see <see cref="EnvironmentConfigFile"/>), so none of it is typed on every call,
/// and recorded with every release (secret values never are: only their names), so a rollback recreates a release
/// exactly as it ran.
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>
    /// How a verified release takes over: <see cref="DeployStrategyKind.Edge"/> (an edge container holds the port and
    /// switches between releases without a gap) or <see cref="DeployStrategyKind.Replace"/> (the release publishes the
    /// port itself; a short stop-first gap).
    /// </summary>
    public DeployStrategyKind Strategy { get; init; } = DeployStrategyKind.Edge;

    /// <summary>The port the service is published on (by the edge, or by the release itself with the replace strategy).</summary>
    public int HostPort { get; init; } = 8080;

    /// <summary>Host address the port is bound to: loopback unless the environment deliberately says otherwise.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The port the service listens on inside the container.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>HTTP path that answers 2xx when the service is ready; null: rely on the image's HEALTHCHECK alone.</summary>
    public string? HealthPath { get; init; } = "/health/ready";

    /// <summary>
    /// Host the HTTP probe connects to for published ports. The default fits a local engine; with a remote DOCKER_HOST,
    /// name the engine's host (its published ports, never a container IP).
    /// </summary>
    public string ProbeHost { get; init; } = "127.0.0.1";

    /// <summary>Plain (non-secret) environment variables, recorded with the release and visible in <c>docker inspect</c>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of variables whose values are read from the runner's environment and passed through a private env file.</summary>
    public IReadOnlyList<string> SecretEnv { get; init; } = [];

    /// <summary>Extra mounts besides the environment's data volume at /data: <c>name:/path[:ro]</c> or <c>/host/path:/path[:ro]</c>.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>Memory limit as docker reads it (<c>512m</c>, <c>1g</c>).</summary>
    public string Memory { get; init; } = "512m";

    /// <summary>CPU limit as docker reads it (<c>1.0</c>, <c>0.5</c>).</summary>
    public string Cpus { get; init; } = "1.0";

    public int? PidsLimit { get; init; } = 256;

    /// <summary><c>--read-only</c> root filesystem (with a tmpfs /tmp). Turning it off makes the container writable by hand.</summary>
    public bool ReadOnlyRootFilesystem { get; init; } = true;

    public string TmpfsSize { get; init; } = "64m";

    /// <summary>Run as this user instead of the image's USER. Root (0) is refused either way.</summary>
    public string? User { get; init; }

    /// <summary>Overrides of the image HEALTHCHECK's timings (e.g. a short interval so deploys do not wait 10s for a first check).</summary>
    public HealthCheckTiming? HealthCheck { get; init; }

    /// <summary>How many replaced releases stay (stopped) for a fast rollback.</summary>
    public int KeepReleases { get; init; } = 5;

    /// <summary>How long a new container may take to become healthy (once beside the old one, once on the real port).</summary>
    public TimeSpan DeployTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>SIGTERM grace for in-flight requests when a container is stopped (<c>docker stop -t</c>).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A lock whose holder sent no heartbeat for this long is taken over (with a warning) even when its holder cannot be checked.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The verification window after the switch and its thresholds (<see cref="VerificationPolicy"/>); off by default.</summary>
    public VerificationPolicy Verification { get; init; } = new();

    /// <summary>
    /// A canary release (<c>"canary": "10%"</c>, the build's <c>--canary</c>): during the verification window the new
    /// release gets this share of requests beside the serving one (each client sticky by the edge's cookie), judged
    /// against it in the same window, then promoted, or removed at once when it fails. Null: the whole switch at once.
    /// </summary>
    public Drydock.Edge.Contract.CanaryShare? Canary { get; init; }

    /// <summary>
    /// A shell command (<c>sh -c</c>) run before the switch against the candidate through the real edge: it gets
    /// <c>DRYDOCK_SMOKE_URL</c> (the edge's public address) and <c>DRYDOCK_CANDIDATE_HEADER</c>/<c>DRYDOCK_CANDIDATE_TOKEN</c>
    /// in its environment (never on a command line); a non-zero exit fails the deploy before any user is routed to it.
    /// </summary>
    public string? Smoke { get; init; }

    /// <summary>Where releases run: one Docker engine (default) or a Docker Swarm cluster driven through its manager (<see cref="ClusterConfig"/>).</summary>
    public DeployPlatform Platform { get; init; } = DeployPlatform.Engine;

    /// <summary>Swarm only: tasks per release; null: 1 for a stateful service, else <see cref="ClusterConfig.DefaultReplicas"/>.</summary>
    public int? Replicas { get; init; }

    /// <summary>Swarm only: whether the data volume holds state (one replica, pinned to its node); null: true (every release has a data volume).</summary>
    public bool? Stateful { get; init; }

    /// <summary>Swarm only: placement constraints such as <c>node.labels.zone==a</c>, on every release.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Swarm only: tasks Swarm replaces at a time when it updates a release's service (a forced update, a drift heal).</summary>
    public int? UpdateParallelism { get; init; }

    /// <summary>
    /// Swarm only: the registry as the nodes reach it (<c>registry.internal:5000</c>) when the runner pushes through
    /// another address (<c>127.0.0.1:5443</c>); null: the nodes pull from the address the image was pushed to.
    /// </summary>
    public string? RegistryPull { get; init; }

    /// <summary>Adds <c>KEY=VALUE</c> parameters to <see cref="Env"/>; a parameter wins over the file.</summary>
    public EnvironmentConfig WithEnv(IEnumerable<string> keyValues)
    {
        var env = new Dictionary<string, string>(Env, StringComparer.Ordinal);
        foreach (var (key, value) in EnvironmentVariables.ParseAssignments(keyValues))
            env[key] = value;
        return this with { Env = env };
    }

    /// <summary>Adds secret variable names (values come from the runner's environment at deploy time).</summary>
    public EnvironmentConfig WithSecretEnv(IEnumerable<string> names) =>
        this with { SecretEnv = [.. SecretEnv.Concat(names).Distinct(StringComparer.Ordinal)] };

    /// <summary>Throws with every problem at once, before anything is changed.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (HostPort is < 1 or > 65535)
            problems.Add($"hostPort {HostPort} is not a port");
        if (ContainerPort is < 1 or > 65535)
            problems.Add($"containerPort {ContainerPort} is not a port");
        if (KeepReleases < 0)
            problems.Add("keepReleases cannot be negative");
        if (DeployTimeout <= TimeSpan.Zero)
            problems.Add("deployTimeout must be positive");
        if (HealthPath is { } path && !path.StartsWith('/'))
            problems.Add($"healthPath '{path}' must start with '/'");
        foreach (var key in Env.Keys.Concat(SecretEnv).Where(k => !EnvironmentVariables.IsValidName(k)))
            problems.Add($"'{key}' is not a valid environment variable name");
        foreach (var key in Env.Keys.Intersect(SecretEnv, StringComparer.Ordinal))
            problems.Add($"'{key}' is both a plain and a secret variable");
        foreach (var volume in Volumes)
        {
            if (ExtraVolume.TryParse(volume, out var mount) is { } error)
                problems.Add(error);
            else if (mount!.Target == ReleaseNames.DataMountPath)
                problems.Add($"volume '{volume}': {ReleaseNames.DataMountPath} is the environment's data volume");
        }
        problems.AddRange(Verification.Problems());
        if (LockTimeoutCheck.Problem(this) is { } lockTimeout)
            problems.Add(lockTimeout);
        if (Canary is { } canary && Verification.WindowOrOff <= TimeSpan.Zero)
            problems.Add($"canary {canary} needs a verification window to last (it is promoted at its end): set verification.window or --verify-for above 0, or drop the canary");
        problems.AddRange(ClusterConfig.Problems(this));
        if (problems.Count > 0)
            throw new DeployException("The environment configuration is invalid: " + string.Join("; ", problems) + ".");
    }
}
