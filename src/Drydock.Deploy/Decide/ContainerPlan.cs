using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// The <c>docker create</c> settings of a release and of its candidate: pure, so hardening, ports, mounts and labels
/// are tested as data. Hardened by default: the image's non-root user, read-only root with a tmpfs /tmp, no
/// capabilities, no privilege escalation, memory/CPU/pids limits, restart unless-stopped.
/// </summary>
public static class ContainerPlan
{
    /// <summary>The container that serves: on the real port, or where the strategy's <paramref name="placement"/> says (default: published).</summary>
    public static DockerRunSettings Release(ReleaseSpec spec, ReleaseStamp stamp, IReadOnlyDictionary<string, string>? secrets, ReleasePlacement? placement = null)
    {
        placement ??= ReleasePlacement.Published(spec.Config);
        return Common(spec, secrets) with
        {
            Name = spec.Id.ReleaseContainer(spec.Version, stamp.ReleaseId),
            Labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release)) { [ReleaseLabels.Placement] = placement.Label },
            Publish = placement.Publish,
            Network = placement.Network,
            Restart = "unless-stopped",
        };
    }

    /// <summary>
    /// The same image and configuration, published on an ephemeral loopback port (<c>127.0.0.1::port</c>) so it can be
    /// probed over HTTP beside the serving one; never restarted by docker, since it only has to prove it starts healthy.
    /// </summary>
    public static DockerRunSettings Candidate(ReleaseSpec spec, ReleaseStamp stamp, IReadOnlyDictionary<string, string>? secrets) =>
        Common(spec, secrets) with
        {
            Name = spec.Id.Candidate(spec.Version, stamp.ReleaseId),
            Labels = ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Candidate),
            Publish = [new PortMapping(0, spec.Config.ContainerPort, "127.0.0.1")],
            Restart = "no",
        };

    private static DockerRunSettings Common(ReleaseSpec spec, IReadOnlyDictionary<string, string>? secrets)
    {
        var config = spec.Config;
        return new DockerRunSettings(spec.ImageReference)
        {
            Detach = false,
            // No env file: the values go to the docker CLI's environment, docker gets the names (nothing on disk to leave behind).
            Secrets = secrets is { Count: > 0 } ? new ContainerSecrets(secrets) : ContainerSecrets.None,
            Environment = config.Env,
            Volumes = [new VolumeMount(spec.Id.DataVolume, ReleaseNames.DataMountPath), .. config.Volumes.Select(ExtraVolume.Parse)],
            ReadOnly = config.ReadOnlyRootFilesystem,
            Tmpfs = [$"{ReleaseNames.TmpMountPath}:rw,noexec,nosuid,size={config.TmpfsSize}"],
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Memory = config.Memory,
            Cpus = config.Cpus,
            PidsLimit = config.PidsLimit,
            User = config.User,
            StopTimeout = config.DrainTimeout,
            HealthCheck = config.HealthCheck is { } timing
                ? new ContainerHealthCheck { Interval = timing.Interval, Timeout = timing.Timeout, StartPeriod = timing.StartPeriod, Retries = timing.Retries }
                : null,
        };
    }
}
