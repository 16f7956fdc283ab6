namespace Drydock.Docker.Tests;

public sealed class DockerOutputTests
{
    [Fact]
    public void Image_inspect_gives_id_tags_labels_created_user_and_env()
    {
        var image = Assert.Single(DockerOutput.ParseImageInspect(Captured.Text("image-inspect.json")));

        Assert.StartsWith("sha256:", image.Id);
        Assert.Equal(["drydock-capture/probe:1"], image.RepoTags);
        Assert.Empty(image.RepoDigests);
        Assert.Equal("abc123", image.Labels["org.opencontainers.image.revision"]);
        Assert.Contains("libc6=", image.Labels["dev.drydock.base.packages"]);
        Assert.Equal(2026, image.Created.Year);
        Assert.Equal("1654", image.User);
        Assert.Contains("APP_UID=1654", image.Environment);
    }

    [Fact]
    public void Image_inspect_of_nothing_is_empty() =>
        Assert.Empty(DockerOutput.ParseImageInspect(Captured.Text("image-inspect-missing.stdout")));

    [Fact]
    public void Container_inspect_gives_state_health_labels_and_image()
    {
        var container = Assert.Single(DockerOutput.ParseContainerInspect(Captured.Text("container-inspect.json")));

        Assert.Equal("drydock-capture-web", container.Name);
        Assert.Equal("running", container.Status);
        Assert.True(container.Running);
        Assert.Equal(0, container.ExitCode);
        Assert.Equal("unhealthy", container.HealthStatus);
        Assert.False(container.IsHealthy);
        Assert.Equal("drydock-capture/probe:1", container.ConfiguredImage);
        Assert.StartsWith("sha256:", container.ImageId);
        Assert.Equal("web", container.Labels["dev.drydock.role"]);
        Assert.Equal(64, container.Id.Length);
        Assert.Equal(18080, container.HostPort(8080));
        Assert.Null(container.HostPort(9901));
    }

    [Fact]
    public void Container_ports_without_a_host_binding_are_not_published()
    {
        var container = Assert.Single(DockerOutput.ParseContainerInspect(
            """[{"Id":"c1","Name":"/x","State":{"Running":true},"Config":{},"NetworkSettings":{"Ports":{"8080/tcp":null,"9901/tcp":[{"HostIp":"127.0.0.1","HostPort":"41234"},{"HostIp":"::1","HostPort":"41234"}]}}}]"""));

        Assert.Null(container.HostPort(8080));
        Assert.Equal(41234, container.HostPort(9901));
    }

    [Fact]
    public void Container_without_a_health_check_has_no_health_status()
    {
        var container = Assert.Single(DockerOutput.ParseContainerInspect("""[{"Id":"c1","Name":"/x","Image":"sha256:1","State":{"Status":"exited","Running":false,"ExitCode":3},"Config":{"Image":"x:1","Labels":null}}]"""));

        Assert.Null(container.HealthStatus);
        Assert.Equal(3, container.ExitCode);
        Assert.Empty(container.Labels);
    }

    [Fact]
    public void Ps_lines_give_containers_with_their_labels_even_when_a_value_holds_a_comma()
    {
        var container = Assert.Single(DockerOutput.ParsePs(Captured.Lines("ps.jsonl")));

        Assert.Equal("drydock-capture-web", container.Names);
        Assert.Equal("running", container.State);
        Assert.Equal("drydock-capture/probe:1", container.Image);
        Assert.Equal("127.0.0.1:18080->8080/tcp", container.Ports);
        Assert.Equal("notes", container.Labels["dev.drydock.app"]);
        Assert.Equal("web", container.Labels["dev.drydock.role"]);
        Assert.Equal("abc123", container.Labels["org.opencontainers.image.revision"]);
        Assert.Equal("Offline equivalent of mcr.microsoft.com/dotnet/runtime-deps:10.0, built from Debian packages", container.Labels["org.opencontainers.image.description"]);
    }

    [Fact]
    public void Volume_ls_lines_give_volumes()
    {
        var volume = Assert.Single(DockerOutput.ParseVolumeLs(Captured.Lines("volume-ls.jsonl")));

        Assert.Equal("drydock-capture-data", volume.Name);
        Assert.Equal("local", volume.Driver);
        Assert.Equal("data", volume.Labels["dev.drydock.role"]);
    }

    [Fact]
    public void Version_reads_client_and_engine()
    {
        var version = DockerOutput.ParseVersion(Captured.Text("version.json"));

        Assert.Equal("28.2.2", version.ClientVersion);
        Assert.Equal("20.10.24+dfsg1", version.ServerVersion);
        Assert.Equal("1.41", version.ServerApiVersion);
        Assert.True(version.EngineAnswers);
    }

    [Fact]
    public void Version_without_an_engine_has_no_server()
    {
        var version = DockerOutput.ParseVersion(Captured.Text("version-no-engine.json"));

        Assert.Equal("28.2.2", version.ClientVersion);
        Assert.False(version.EngineAnswers);
    }

    [Fact]
    public void Diff_lines_give_changes()
    {
        var changes = DockerOutput.ParseDiff(Captured.Lines("diff.txt"));

        Assert.Contains(new ContainerChange(ContainerChangeKind.Added, "/tmp/x"), changes);
        Assert.Contains(new ContainerChange(ContainerChangeKind.Changed, "/tmp"), changes);
        Assert.Equal(6, changes.Count);
        Assert.Equal([new ContainerChange(ContainerChangeKind.Deleted, "/etc/motd")], DockerOutput.ParseDiff(["D /etc/motd"]));
    }

    [Fact]
    public void Push_output_gives_the_manifest_digest()
    {
        string[] output =
        [
            "The push refers to repository [127.0.0.1:5000/notes]",
            "5f70bf18a086: Pushed",
            "1: digest: sha256:7d2b1c3e5f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c size: 739",
        ];

        Assert.Equal("sha256:7d2b1c3e5f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c", DockerOutput.ParsePushDigest(output));
        Assert.Null(DockerOutput.ParsePushDigest(["nothing here"]));
    }

    [Fact]
    public void Timestamps_with_nanoseconds_parse() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 20, 2, 108, TimeSpan.Zero).AddTicks(137),
            DockerOutput.ParseTimestamp("2026-11-26T14:20:02.108013718Z"));

    [Fact]
    public void Apt_stanzas_give_package_versions() =>
        Assert.Equal(
            new Dictionary<string, string> { ["libc6"] = "2.36-9+deb12u14", ["zlib1g"] = "1:1.2.13.dfsg-1" },
            AptOutput.ParseVersions(["Package: libc6", "Version: 2.36-9+deb12u14", "Depends: libgcc-s1", "", "Package: zlib1g", "Version: 1:1.2.13.dfsg-1"]));
}
