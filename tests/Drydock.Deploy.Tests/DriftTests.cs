using Drydock.Docker;

namespace Drydock.Deploy.Tests;

public sealed class DriftTests
{
    private static readonly ReleaseSpec Spec = Samples.Spec(config: new EnvironmentConfig { SecretEnv = ["API_KEY"] }.WithEnv(["MODE=fast"]));
    private static readonly ReleaseStamp Stamp = Samples.Stamp();
    private static readonly ContainerState Clean = Samples.Container(Spec, Stamp);
    private static readonly string[] ImageEnv = ["PATH=/usr/bin"];

    private static HistoryRecord Last => Samples.History("1.0.0", Samples.DigestA) with { Container = Clean.Name };

    [Fact]
    public void An_untouched_release_has_no_drift() =>
        Assert.False(DriftDetector.Compare(Clean, ImageEnv, [], Last).HasDrift);

    [Fact]
    public void Another_image_is_image_drift()
    {
        var report = DriftDetector.Compare(Clean with { ImageId = "sha256:other", ConfiguredImage = "notes:latest" }, ImageEnv, [], Last);
        Assert.Equal(["image id", "image reference"], report.Findings.Where(f => f.Kind == DriftKind.Image).Select(f => f.What));
    }

    [Fact]
    public void Limits_and_policies_changed_with_docker_update_are_configuration_drift()
    {
        var edited = Clean with { MemoryBytes = 300L << 20, NanoCpus = 2_000_000_000, RestartPolicy = "no", PidsLimit = null };
        var report = DriftDetector.Compare(edited, ImageEnv, [], Last);
        Assert.Equal(["memory limit", "cpu limit", "pids limit", "restart policy"], report.Findings.Select(f => f.What));
        Assert.All(report.Findings, f => Assert.Equal(DriftKind.Configuration, f.Kind));
        Assert.Contains("configuration: memory limit: expected 536870912, found 314572800", report.Describe());
    }

    [Fact]
    public void Environment_changes_name_the_variable_and_show_only_values_from_the_releases_own_settings()
    {
        var edited = Clean with { Env = ["PATH=/opt/hand-path", "MODE=hand-mode-4711", "DEBUG_TOKEN=hand-token-4711"] };
        var report = DriftDetector.Compare(edited, ImageEnv, [], Last);
        Assert.Contains(report.Findings, f => f.What == "env MODE" && f.Expected == "fast" && f.Actual == "another value (not shown)");
        Assert.Contains(report.Findings, f => f.What == "env DEBUG_TOKEN" && f.Expected == "unset" && f.Actual == "set (not shown)");
        Assert.Contains(report.Findings, f => f.What == "env PATH" && f.Expected == "the image's value" && f.Actual == "another value (not shown)");
        Assert.Contains(report.Findings, f => f.What == "secret env API_KEY" && f.Actual == "unset");
        var status = new EnvironmentStatus("notes", "local") { Drift = report }.Describe();
        Assert.Contains("env DEBUG_TOKEN", status);
        Assert.DoesNotContain("hand-", status);
        Assert.DoesNotContain("/usr/bin", status);
    }

    [Fact]
    public void Hardening_removed_by_recreating_the_container_is_configuration_drift()
    {
        var edited = Clean with { ReadOnlyRootFilesystem = false, CapDrop = [], SecurityOpt = [], PortBindings = [new("8080/tcp", "0.0.0.0", 8080)] };
        var report = DriftDetector.Compare(edited, ImageEnv, [], Last);
        Assert.Equal(["read-only root filesystem", "dropped capabilities", "no-new-privileges", "published port"], report.Findings.Select(f => f.What));
    }

    [Fact]
    public void Files_changed_outside_the_mounts_are_filesystem_drift_and_inside_them_are_not()
    {
        ContainerChange[] changes =
        [
            new(ContainerChangeKind.Changed, "/app"),
            new(ContainerChangeKind.Added, "/app/patch.dll"),
            new(ContainerChangeKind.Deleted, "/etc/motd"),
            new(ContainerChangeKind.Added, "/data/notes.db"),
            new(ContainerChangeKind.Added, "/tmp/x"),
        ];
        var report = DriftDetector.Compare(Clean, ImageEnv, changes, Last);
        Assert.Equal(["/app/patch.dll", "/etc/motd"], report.Findings.Select(f => f.What));
        Assert.All(report.Findings, f => Assert.Equal(DriftKind.Filesystem, f.Kind));
    }

    [Fact]
    public void A_container_that_is_not_the_last_successful_release_is_release_drift()
    {
        var report = DriftDetector.Compare(Clean, ImageEnv, [], Samples.History("2.0.0", Samples.DigestB) with { Container = "notes-local-2.0.0-ffffff" });
        var finding = Assert.Single(report.Findings);
        Assert.Equal(DriftKind.Release, finding.Kind);
    }

    [Fact]
    public void A_container_without_release_labels_is_drift() =>
        Assert.Equal(DriftKind.Release, Assert.Single(DriftDetector.Compare(Clean with { Labels = new Dictionary<string, string>() }, ImageEnv, [], Last).Findings).Kind);

    [Theory]
    [InlineData("512m", 536870912L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("65536k", 67108864L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("256MB", 268435456L)]
    public void Memory_is_read_as_docker_reads_it(string text, long bytes) => Assert.Equal(bytes, DriftDetector.Bytes(text));
}
