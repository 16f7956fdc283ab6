namespace Drydock.Deploy.Tests;

internal static class Samples
{
    public const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string DigestC = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    public static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static ReleaseSpec Spec(string version = "1.0.0", string digest = DigestA, string environment = "local", EnvironmentConfig? config = null) =>
        new("notes", environment, "127.0.0.1:5000/notes", digest, version) { Commit = "abc1234", Config = config ?? new EnvironmentConfig() };

    public static ReleaseStamp Stamp(string releaseId = "a1b2c3", DateTimeOffset? at = null, ReleaseAction action = ReleaseAction.Deploy) =>
        new(releaseId, at ?? Noon, "dev@laptop", action, "sha256:image");

    public static RecordedRelease Recorded(string version, string digest, DateTimeOffset at) => new(Spec(version, digest), Stamp(at: at));

    public static HistoryRecord History(string version, string digest, ReleaseOutcome outcome = ReleaseOutcome.Succeeded, ReleaseAction action = ReleaseAction.Deploy, DateTimeOffset? at = null) =>
        new()
        {
            At = at ?? Noon,
            Action = action,
            Outcome = outcome,
            App = "notes",
            Environment = "local",
            Version = version,
            Digest = digest,
            Repository = "127.0.0.1:5000/notes",
            Commit = "c-" + version,
            Who = "dev@laptop",
            Config = new EnvironmentConfig { HostPort = 9000 },
        };

    /// <summary>A container as inspect would describe a healthy, untouched release of <paramref name="spec"/>.</summary>
    public static ContainerState Container(ReleaseSpec spec, ReleaseStamp stamp, string? name = null, bool running = true) =>
        new(Guid.NewGuid().ToString("N"), name ?? spec.Id.ReleaseContainer(spec.Version, stamp.ReleaseId), stamp.ImageId, spec.ImageReference,
            ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release))
        {
            Running = running,
            Status = running ? "running" : "exited",
            StartedAt = stamp.DeployedAt,
            FinishedAt = running ? default : stamp.DeployedAt.AddHours(1),
            Created = stamp.DeployedAt,
            Env = ["PATH=/usr/bin", .. spec.Config.Env.Select(p => $"{p.Key}={p.Value}"), .. spec.Config.SecretEnv.Select(s => $"{s}=x")],
            MemoryBytes = DriftDetector.Bytes(spec.Config.Memory),
            NanoCpus = DriftDetector.NanoCpus(spec.Config.Cpus),
            PidsLimit = spec.Config.PidsLimit,
            RestartPolicy = "unless-stopped",
            ReadOnlyRootFilesystem = spec.Config.ReadOnlyRootFilesystem,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            PortBindings = [new PublishedPort($"{spec.Config.ContainerPort}/tcp", spec.Config.Bind, spec.Config.HostPort)],
            Mounts = [new ContainerMount("volume", spec.Id.DataVolume, "/var/lib/docker/volumes/x/_data", "/data", true)],
            TmpfsMounts = ["/tmp"],
        };
}
