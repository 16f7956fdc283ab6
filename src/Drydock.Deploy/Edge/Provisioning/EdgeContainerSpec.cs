using System.Globalization;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// One environment's edge container, as data: the <c>docker run</c> settings, its network and its state volume. Hardened
/// like the apps: the image's non-root user, read-only root with a tmpfs /tmp, no capabilities, no privilege escalation,
/// memory/CPU/pids limits, restarted unless stopped. The public port is bound where <see cref="Bind"/> says (loopback
/// by default). The admin API has no port at all (<c>EDGE_ADMIN_PORT=off</c>): it is reached with <c>docker exec</c> of
/// the edge's own admin client over its owner-only socket (<see cref="EdgeAdminExec"/>), locally and on remote hosts.
/// </summary>
/// <param name="Image">The edge image, e.g. from <see cref="EdgeImage.EnsureAsync"/>.</param>
/// <param name="PublicPort">The environment's port on the host; 0 lets docker pick one (read it back with <c>docker port</c>).</param>
public sealed record EdgeContainerSpec(EnvironmentId Environment, string Image, int PublicPort) : IEdgeContainerSpec
{
    /// <summary>Where the edge listens inside its container for the environment's traffic.</summary>
    public const int ContainerPublicPort = 8080;
    public const string StateMountPath = "/state";

    /// <summary>Host address the public port is bound to: loopback unless the environment deliberately says otherwise.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>After SIGTERM the edge finishes in-flight requests for up to this long; docker waits a little longer before SIGKILL.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    public string ContainerName => Environment.EdgeContainer;

    public string Network => Environment.Network;

    public string StateVolume => Environment.EdgeStateVolume;

    public void Validate()
    {
        var problems = new List<string>();
        if (PublicPort is < 0 or > 65535)
            problems.Add($"public port {PublicPort} is not a port");
        if (string.IsNullOrWhiteSpace(Image))
            problems.Add("no edge image");
        if (ShutdownTimeout < TimeSpan.Zero)
            problems.Add("the shutdown timeout cannot be negative");
        if (problems.Count > 0)
            throw new ArgumentException("The edge container spec is invalid: " + string.Join("; ", problems) + ".");
    }

    public string OutdatedKeepsServing => "it keeps serving until the edge is upgraded deliberately";

    /// <summary>The <c>docker run</c> (detached) of the edge, labelled with its fingerprint.</summary>
    public DockerRunSettings ToRunSettings() => IEdgeContainerSpec.Fingerprinted(Unlabelled());

    public DockerNetworkCreateSettings ToNetworkSettings() =>
        new(Network) { Driver = "bridge", Labels = EdgeLabels.Owner(Environment) };

    public DockerVolumeCreateSettings ToVolumeSettings() =>
        new(StateVolume) { Labels = EdgeLabels.Owner(Environment) };

    /// <summary>The fingerprint label the container of this spec carries.</summary>
    public string Fingerprint() => IEdgeContainerSpec.FingerprintOf(Unlabelled());

    public string SettingsFingerprint() => IEdgeContainerSpec.SettingsFingerprintOf(Unlabelled());

    private DockerRunSettings Unlabelled()
    {
        var seconds = ((int)Math.Ceiling(ShutdownTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>(EdgeLabels.Owner(Environment))
        {
            [EdgeLabels.PublicPort] = PublicPort.ToString(CultureInfo.InvariantCulture),
        };
        return Hardened(new DockerRunSettings(Image)
        {
            Name = ContainerName,
            Detach = true,
            Labels = labels,
            Network = Network,
            Publish = [new PortMapping(PublicPort, ContainerPublicPort, Bind)],
            // No admin listener: no unauthenticated route switch on any port, only the socket inside the container.
            Environment = new Dictionary<string, string> { ["EDGE_SHUTDOWN_TIMEOUT_SECONDS"] = seconds, ["EDGE_ADMIN_PORT"] = "off" },
            Volumes = [new VolumeMount(StateVolume, StateMountPath)],
        }, ShutdownTimeout);
    }

    /// <summary>
    /// What every edge container runs with, per environment or host-wide (<see cref="HostEdgeSpec"/>): a read-only root
    /// with a small noexec /tmp, no capabilities, no privilege gain, restarted by the engine, bounded memory and pids.
    /// One CPU: the edge is on every request's path, and a tight quota shows up directly as tail latency. Docker's
    /// SIGKILL comes after the edge's own grace (<paramref name="shutdownTimeout"/>), never before it.
    /// </summary>
    public static DockerRunSettings Hardened(DockerRunSettings settings, TimeSpan shutdownTimeout) =>
        settings with
        {
            ReadOnly = true,
            Tmpfs = ["/tmp:rw,noexec,nosuid,size=16m"],
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Restart = "unless-stopped",
            Memory = "256m",
            Cpus = "1.0",
            PidsLimit = 128,
            StopTimeout = shutdownTimeout + TimeSpan.FromSeconds(5),
        };
}
