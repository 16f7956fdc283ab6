using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// Every key of an environment file, declared once: the file's valid keys (<see cref="EnvironmentFileSchema"/>), the
/// build's parameters that override them, the merge (<see cref="EnvironmentSettingMerge"/>) and the docs' table
/// (<see cref="EnvironmentKeysTable"/>) are derived from this list. Types and defaults are read from the records, so a
/// record's property stays the one place its default is written.
/// </summary>
public static class EnvironmentSettingTable
{
    private static readonly EnvironmentConfig Config = new();
    private static readonly HealthCheckTiming Timing = new();
    private static readonly VerificationPolicy Policy = new();
    private static readonly EnvironmentHost Where = new(null, null);
    private static readonly EnvironmentHttps Edge = new();

    public static IReadOnlyList<EnvironmentSetting> All { get; } =
    [
        Of(Config.Strategy, "strategy", "How a new release takes over: edge (zero downtime) or replace (the release publishes the port itself, about a second unanswered)") with { Parameter = "Strategy" },
        Of(Config.HostPort, "hostPort", "Host port of the service") with { Parameter = "HostPort" },
        Of(Config.Bind, "bind", "Address the host port binds to") with { Parameter = "Bind" },
        Of(Config.ContainerPort, "containerPort", "The port the service listens on inside the container"),
        Of(Config.HealthPath, "healthPath", "HTTP path that answers 2xx when the service is ready; null: the image's HEALTHCHECK alone") with { Parameter = "HealthPath" },
        Of(Config.ProbeHost, "probeHost", "Host the health probe connects to for published ports"),
        Of(Config.Env, "env", "Environment variables for the container, KEY=VALUE (recorded with the release)") with { Parameter = "Env", ParameterType = typeof(string[]), Adds = true },
        Of(Config.SecretEnv, "secretEnv", "Names of variables of this runner's environment passed to the container as secrets (never printed)") with { Parameter = "SecretEnv", Adds = true },
        Of(Config.Volumes, "volumes", "Extra mounts besides the data volume at /data: name:/path[:ro] or /host/path:/path[:ro]"),
        Of(Config.Memory, "memory", "Memory limit of the container, e.g. 512m") with { Parameter = "Memory" },
        Of(Config.Cpus, "cpus", "CPU limit of the container, e.g. 1.0") with { Parameter = "Cpus" },
        Of(Config.PidsLimit, "pidsLimit", "Most processes the container may run"),
        Of(Config.ReadOnlyRootFilesystem, "readOnlyRootFilesystem", "Read-only root filesystem, with a tmpfs /tmp"),
        Of(Config.TmpfsSize, "tmpfsSize", "Size of the container's tmpfs /tmp"),
        Of(Config.User, "user", "Run as this user instead of the image's USER (root is refused)"),
        Of(Timing.Interval, "healthCheck.interval", "Interval of the image HEALTHCHECK") with { Fallback = "the image's" },
        Of(Timing.Timeout, "healthCheck.timeout", "Timeout of the image HEALTHCHECK") with { Fallback = "the image's" },
        Of(Timing.StartPeriod, "healthCheck.startPeriod", "Start period of the image HEALTHCHECK") with { Fallback = "the image's" },
        Of(Timing.Retries, "healthCheck.retries", "Retries of the image HEALTHCHECK") with { Fallback = "the image's" },
        Of(Config.KeepReleases, "keepReleases", "How many replaced releases stay stopped for a fast rollback") with { Parameter = "KeepReleases" },
        Of(Config.DeployTimeout, "deployTimeout", "How long a new release may take to become healthy") with { Parameter = "DeployTimeout" },
        Of(Config.DrainTimeout, "drainTimeout", "How long the replaced release may finish in-flight requests") with { Parameter = "DrainTimeout" },
        Of(Config.LockTimeout, "lockTimeout", "A lock whose holder sent no heartbeat for this long is taken over (with a warning) when its holder cannot be checked; at least the verification window plus 2m"),
        Of(Policy.Window, "verification.window", "How long a new release is watched on real traffic after the switch, reverted at once if it fails; 0 turns it off") with { Parameter = "VerifyFor", RunDefault = TimeSpan.FromSeconds(30) },
        Of(Policy.MaxErrorRate, "verification.maxErrorRate", "Largest share of 5xx and unanswered requests, whatever the baseline"),
        Of(Policy.MaxP99, "verification.maxP99", "Largest p99 latency; none: only the relative rule") with { Fallback = "none" },
        Of(Policy.ErrorRateFactor, "verification.errorRateFactor", "The error rate may be at most the baseline's times this, plus the slack"),
        Of(Policy.ErrorRateSlack, "verification.errorRateSlack", "Added to the relative error-rate allowance"),
        Of(Policy.P99Factor, "verification.p99Factor", "The p99 may be at most the baseline's times this, plus the slack"),
        Of(Policy.P99Slack, "verification.p99Slack", "Added to the relative p99 allowance"),
        Of(Policy.MinRequests, "verification.minRequests", "Fewer requests than this cannot be judged: the window passes as quiet"),
        Of(Config.Canary, "canary", "Deploy as a canary: the new release gets this share of requests (e.g. 10%) for the verification window, each client sticky by cookie, judged against the serving release on the same traffic, then promoted or removed") with { Parameter = "Canary", ParameterType = typeof(string), Fallback = "none" },
        Of(Config.Smoke, "smoke", "A shell command run before the switch against the new release through the edge (DRYDOCK_SMOKE_URL, DRYDOCK_CANDIDATE_HEADER and DRYDOCK_CANDIDATE_TOKEN in its environment), e.g. dotnet test tests/Smoke; non-zero fails the deploy") with { Parameter = "Smoke" },
        Of(Config.Platform, "platform", "What the environment runs on: engine (one Docker engine) or swarm (a cluster whose manager is the host)") with { Parameter = "Platform" },
        Of(Config.Replicas, "replicas", "Swarm: tasks per release") with { Parameter = "Replicas", Fallback = "1 when stateful, 2 when not" },
        Of(Config.Stateful, "stateful", "Swarm: whether the data volume holds state (one replica, pinned to its node)") with { Fallback = "true" },
        Of(Config.Constraints, "constraints", "Swarm: placement constraints such as node.labels.zone==a, on every release"),
        Of(Config.UpdateParallelism, "updateParallelism", "Swarm: tasks replaced at a time when a release's service is updated"),
        Of(Config.RegistryPull, "registryPull", "Swarm: the registry as the nodes reach it (host:port) when the runner pushes through another address") with { Parameter = "RegistryPull" },
        Of(Where.Host, "host", "Server whose engine runs the environment: ssh://user@server:22 or a Docker context name") with { Record = SettingRecord.Host, Parameter = "Host", Fallback = "the local engine; DOCKER_HOST keeps working" },
        Of(Where.KnownHostsFile, "knownHosts", "A known_hosts file (relative to the repository) holding the host's key") with { Record = SettingRecord.Host },
        Of(Where.Registry, "registry", "Registry to push to") with { Record = SettingRecord.Host, Parameter = "Registry", Fallback = "a local registry on 127.0.0.1:5000, started if needed" },
        Of(Edge.Hosts, "hosts", "Host names the environment answers on through the server's host-wide edge on 80/443, e.g. notes.example.org") with { Record = SettingRecord.Https, Parameter = "Hosts", Fallback = "none: its own port" },
        Of(Edge.HttpPort, "httpPort", "The host-wide edge's plain-HTTP port: redirects to HTTPS and ACME challenges") with { Record = SettingRecord.Https, Parameter = "HttpPort" },
        Of(Edge.HttpsPort, "httpsPort", "The host-wide edge's HTTPS port") with { Record = SettingRecord.Https, Parameter = "HttpsPort" },
        Of(Edge.Tls, "tls", "Certificates for the hosts: acme (automatic, HTTP-01), files (tlsCertificate and tlsKey) or off") with { Record = SettingRecord.Https, Parameter = "Tls" },
        Of(Edge.AcmeDirectory, "acmeDirectory", "ACME directory URL, or letsencrypt / letsencrypt-staging") with { Record = SettingRecord.Https, Parameter = "AcmeDirectory", Fallback = "Let's Encrypt production" },
        Of(Edge.AcmeEmail, "acmeEmail", "Contact e-mail of the ACME account") with { Record = SettingRecord.Https, Parameter = "AcmeEmail" },
        Of(Edge.AcmeCaBundle, "acmeCaBundle", "A PEM trusted alone for the ACME server's own HTTPS: private ACME servers, pebble") with { Record = SettingRecord.Https, Parameter = "AcmeCaBundle", Fallback = "the system roots" },
        Of(Edge.TlsCertificate, "tlsCertificate", "With tls files: the certificate chain, a PEM file's path or the PEM itself (never printed)") with { Record = SettingRecord.Https, Parameter = "TlsCertificate", IsSecret = true },
        Of(Edge.TlsKey, "tlsKey", "With tls files: the private key, a PEM file's path or the PEM itself (never printed)") with { Record = SettingRecord.Https, Parameter = "TlsKey", IsSecret = true },
    ];

    /// <summary>The keys a record reads at the top of the file, in the table's order.</summary>
    public static IReadOnlyList<string> KeysOf(SettingRecord record) =>
        [.. All.Where(s => s.Record == record).Select(s => s.TopLevelKey).Distinct(StringComparer.Ordinal)];

    /// <summary>The build parameters the table declares, in its order.</summary>
    public static IReadOnlyList<Drydock.Engine.Parameters.ParameterDeclaration> Parameters { get; } =
        [.. All.Select(s => s.AsParameter).OfType<Drydock.Engine.Parameters.ParameterDeclaration>()];

    private static EnvironmentSetting Of<T>(T value, string key, string description) => new(key, typeof(T), value, description);
}
