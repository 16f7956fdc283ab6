using System.Globalization;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// Compares a release container as it is now with the release it was created as (its labels) and with the history.
/// Pure: the caller gathers inspect, the image's own environment and <c>docker diff</c>. A hardened container cannot
/// be edited in place much (read-only root, no capabilities), so what a hand edit can still change is checked:
/// <c>docker update</c> (limits, restart policy), a container recreated by hand, files written to a writable layer.
/// </summary>
public static class DriftDetector
{
    /// <param name="environment">The environment with its names resolved (<see cref="EnvironmentNaming"/>); by default the one the labels name.</param>
    public static DriftReport Compare(ContainerState container, IReadOnlyList<string> imageEnv, IReadOnlyList<ContainerChange> changes, HistoryRecord? lastSucceeded, EnvironmentId? environment = null)
    {
        var findings = new List<DriftFinding>();
        var recorded = ReleaseLabels.Read(container.Labels);
        if (recorded is null)
        {
            findings.Add(new(DriftKind.Release, "release labels", "a complete Drydock release record", "missing or damaged labels (created by hand?)"));
            return new DriftReport(container.Name, findings);
        }
        var (spec, stamp) = (recorded.Spec, recorded.Stamp);
        var config = spec.Config;

        if (stamp.ImageId.Length > 0 && container.ImageId != stamp.ImageId)
            findings.Add(new(DriftKind.Image, "image id", stamp.ImageId, container.ImageId));
        if (container.ConfiguredImage != spec.ImageReference)
            findings.Add(new(DriftKind.Image, "image reference", spec.ImageReference, container.ConfiguredImage));

        if (lastSucceeded is not null && (lastSucceeded.Digest != spec.Digest || (lastSucceeded.Container is { } name && name != container.Name)))
            findings.Add(new(DriftKind.Release, "serving release", $"{lastSucceeded.Version} ({HistoryTable.ShortDigest(lastSucceeded.Digest)}) in {lastSucceeded.Container}",
                $"{spec.Version} ({HistoryTable.ShortDigest(spec.Digest)}) in {container.Name}"));

        CompareEnvironment(container, imageEnv, config, findings);
        CompareHostConfig(container, config, (environment ?? spec.Id).DataVolume, findings);
        CompareFilesystem(container, changes, findings);
        return new DriftReport(container.Name, findings);
    }

    // Status output lands in CI logs: only values from the release's own settings are shown; a value set by hand, an
    // image's value or a secret is named, never printed.
    private const string AnotherValue = "another value (not shown)";

    private static void CompareEnvironment(ContainerState container, IReadOnlyList<string> imageEnv, EnvironmentConfig config, List<DriftFinding> findings)
    {
        var actual = ToMap(container.Env);
        var fromImage = ToMap(imageEnv);
        foreach (var (key, value) in config.Env)
        {
            if (!actual.TryGetValue(key, out var now))
                findings.Add(new(DriftKind.Configuration, $"env {key}", value, "unset"));
            else if (now != value)
                findings.Add(new(DriftKind.Configuration, $"env {key}", value, AnotherValue));
        }
        foreach (var secret in config.SecretEnv.Where(s => !actual.ContainsKey(s)))
            findings.Add(new(DriftKind.Configuration, $"secret env {secret}", "set", "unset"));
        foreach (var (key, value) in actual)
        {
            var inImage = fromImage.TryGetValue(key, out var image);
            var expected = config.Env.ContainsKey(key) || config.SecretEnv.Contains(key) || (inImage && image == value);
            if (!expected)
                findings.Add(new(DriftKind.Configuration, $"env {key}", inImage ? "the image's value" : "unset", inImage ? AnotherValue : "set (not shown)"));
        }
    }

    private static void CompareHostConfig(ContainerState container, EnvironmentConfig config, string dataVolume, List<DriftFinding> findings)
    {
        void Expect(string what, string expected, string actual)
        {
            if (expected != actual)
                findings.Add(new(DriftKind.Configuration, what, expected, actual));
        }

        Expect("memory limit", Bytes(config.Memory).ToString(CultureInfo.InvariantCulture), container.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        Expect("cpu limit", NanoCpus(config.Cpus).ToString(CultureInfo.InvariantCulture), container.NanoCpus.ToString(CultureInfo.InvariantCulture));
        if (config.PidsLimit is { } pids)
            Expect("pids limit", pids.ToString(CultureInfo.InvariantCulture), container.PidsLimit?.ToString(CultureInfo.InvariantCulture) ?? "none");
        Expect("restart policy", "unless-stopped", container.RestartPolicy);
        Expect("read-only root filesystem", config.ReadOnlyRootFilesystem.ToString(), container.ReadOnlyRootFilesystem.ToString());
        Expect("dropped capabilities", "ALL", string.Join(',', container.CapDrop));
        Expect("no-new-privileges", "true", container.SecurityOpt.Any(o => o.StartsWith("no-new-privileges", StringComparison.Ordinal)).ToString().ToLowerInvariant());
        if (config.User is { } user)
            Expect("user", user, container.User);

        // Behind an edge a release publishes nothing: the edge holds the environment's port.
        var expectedPort = ReleasePlacement.IsBehindEdge(container.Labels) ? "none" : $"{config.Bind}:{config.HostPort}->{config.ContainerPort}/tcp";
        var actualPorts = container.PortBindings.Select(p => $"{p.HostIp}:{p.HostPort}->{p.ContainerPort}").ToList();
        Expect("published port", expectedPort, actualPorts.Count == 0 ? "none" : string.Join(", ", actualPorts));

        var expectedMounts = new[] { new VolumeMount(dataVolume, ReleaseNames.DataMountPath) }
            .Concat(config.Volumes.Select(ExtraVolume.Parse))
            .Select(m => $"{m.Source}:{m.Target}{(m.ReadOnly ? ":ro" : "")}")
            .Order(StringComparer.Ordinal);
        var actualMounts = container.Mounts
            .Select(m => $"{(m.Type == "volume" ? m.Name : m.Source)}:{m.Destination}{(m.ReadWrite ? "" : ":ro")}")
            .Order(StringComparer.Ordinal);
        Expect("mounts", string.Join(", ", expectedMounts), string.Join(", ", actualMounts));
    }

    private static void CompareFilesystem(ContainerState container, IReadOnlyList<ContainerChange> changes, List<DriftFinding> findings)
    {
        var mountPoints = container.Mounts.Select(m => m.Destination).Concat(container.TmpfsMounts).ToList();
        // Docker creates mount points (and their parents) in the writable layer itself; only what lies outside is an edit.
        var edits = changes
            .Where(c => !mountPoints.Any(m => c.Path == m || c.Path.StartsWith(m + "/", StringComparison.Ordinal) || m.StartsWith(c.Path + "/", StringComparison.Ordinal)))
            .ToList();
        // A directory marked changed only because something inside it was added is said once, by that addition.
        edits = edits.Where(c => c.Kind != ContainerChangeKind.Changed || !edits.Any(o => o.Path.StartsWith(c.Path + "/", StringComparison.Ordinal))).ToList();
        foreach (var change in edits)
            findings.Add(new(DriftKind.Filesystem, change.Path, "unchanged (as in the image)", change.Kind.ToString().ToLowerInvariant()));
    }

    private static Dictionary<string, string> ToMap(IEnumerable<string> env)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in env)
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
                map[entry[..equals]] = entry[(equals + 1)..];
        }
        return map;
    }

    /// <summary>Docker's memory notation: <c>512m</c>, <c>1g</c>, <c>65536k</c>, <c>1048576</c> (bytes).</summary>
    public static long Bytes(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant().TrimEnd('b');
        var unit = trimmed.Length > 0 && char.IsLetter(trimmed[^1]) ? trimmed[^1] : ' ';
        var number = unit == ' ' ? trimmed : trimmed[..^1];
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return (long)(value * unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, _ => 1L });
    }

    public static long NanoCpus(string cpus) => (long)Math.Round(double.Parse(cpus, CultureInfo.InvariantCulture) * 1e9);
}
