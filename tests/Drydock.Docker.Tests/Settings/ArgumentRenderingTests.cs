namespace Drydock.Docker.Tests;

/// <summary>Every settings object renders exactly the docker arguments the release chain relies on.</summary>
public sealed class ArgumentRenderingTests
{
    [Fact]
    public void Build_renders_file_tags_build_args_labels_and_iidfile_before_the_context()
    {
        var settings = new DockerBuildSettings("src/app")
        {
            File = "src/app/Dockerfile",
            Tags = ["app:1", "app:latest"],
            BuildArgs = new Dictionary<string, string> { ["VERSION"] = "1.2.3", ["BASE"] = "drydock/runtime-deps:10.0" },
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc" },
            ImageIdFile = "/tmp/iid",
            Pull = true,
        };

        Assert.Equal(
            ["build", "--file", "src/app/Dockerfile", "--tag", "app:1", "--tag", "app:latest",
             "--build-arg", "BASE=drydock/runtime-deps:10.0", "--build-arg", "VERSION=1.2.3",
             "--label", "org.opencontainers.image.revision=abc", "--iidfile", "/tmp/iid", "--pull", "src/app"],
            settings.ToArguments());
    }

    [Fact]
    public void Build_with_nothing_but_a_context_is_minimal() =>
        Assert.Equal(["build", "."], new DockerBuildSettings(".").ToArguments());

    [Fact]
    public void Tag_push_and_pull_name_their_references()
    {
        Assert.Equal(["tag", "app:1", "127.0.0.1:5000/app:1"], new DockerTagSettings("app:1", "127.0.0.1:5000/app:1").ToArguments());
        Assert.Equal(["push", "127.0.0.1:5000/app:1"], new DockerPushSettings("127.0.0.1:5000/app:1").ToArguments());
        Assert.Equal(["pull", "--quiet", "app:1"], new DockerPullSettings("app:1") { Quiet = true }.ToArguments());
    }

    [Fact]
    public void Image_inspect_and_rm_take_several_references()
    {
        Assert.Equal(["image", "inspect", "a:1", "b:2"], new DockerImageInspectSettings(["a:1", "b:2"]).ToArguments());
        Assert.Equal(["image", "rm", "--force", "a:1"], new DockerImageRmSettings("a:1") { Force = true }.ToArguments());
    }

    [Fact]
    public void Login_reads_the_password_from_stdin_and_never_renders_it()
    {
        var settings = new DockerLoginSettings("ghcr.io", "robot", "hunter2-secret");

        Assert.Equal(["login", "--username", "robot", "--password-stdin", "ghcr.io"], settings.ToArguments());
        Assert.DoesNotContain("hunter2-secret", settings.ToString());
        Assert.Equal(["logout", "ghcr.io"], new DockerLogoutSettings("ghcr.io").ToArguments());
    }

    [Fact]
    public void Import_renders_each_change_then_the_tarball_and_the_name()
    {
        var settings = new DockerImportSettings("/w/rootfs.tar")
        {
            Reference = "drydock/runtime-deps:10.0-abc",
            Changes = ["ENV APP_UID=1654", "USER 1654", "LABEL k=\"v w\""],
            Message = "offline",
        };

        Assert.Equal(
            ["import", "--change", "ENV APP_UID=1654", "--change", "USER 1654", "--change", "LABEL k=\"v w\"", "--message", "offline",
             "/w/rootfs.tar", "drydock/runtime-deps:10.0-abc"],
            settings.ToArguments());
    }

    [Fact]
    public void Run_renders_every_hardening_option_in_a_stable_order()
    {
        var settings = new DockerRunSettings("app:1")
        {
            Name = "app-web-1",
            Labels = new Dictionary<string, string> { ["dev.drydock.role"] = "web", ["dev.drydock.app"] = "notes" },
            EnvFiles = ["/run/app.env"],
            Environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            Volumes = [new VolumeMount("notes-data", "/data"), new VolumeMount("certs", "/certs", ReadOnly: true)],
            Publish = [new PortMapping(18080, 8080)],
            Network = "notes",
            NetworkAliases = ["web"],
            ReadOnly = true,
            Tmpfs = ["/tmp:rw,size=64m"],
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Restart = "unless-stopped",
            Memory = "256m",
            Cpus = "0.5",
            PidsLimit = 128,
            StopTimeout = TimeSpan.FromSeconds(20),
            HealthCheck = new ContainerHealthCheck
            {
                Command = "curl -f http://localhost:8080/health",
                Interval = TimeSpan.FromSeconds(2),
                Timeout = TimeSpan.FromMilliseconds(1500),
                Retries = 5,
                StartPeriod = TimeSpan.FromSeconds(30),
            },
            Command = ["--urls", "http://+:8080"],
        };

        Assert.Equal(
            ["run", "--detach", "--name", "app-web-1",
             "--label", "dev.drydock.app=notes", "--label", "dev.drydock.role=web",
             "--env-file", "/run/app.env", "--env", "ASPNETCORE_ENVIRONMENT=Production",
             "--volume", "notes-data:/data", "--volume", "certs:/certs:ro",
             "--publish", "127.0.0.1:18080:8080",
             "--network", "notes", "--network-alias", "web",
             "--read-only", "--tmpfs", "/tmp:rw,size=64m", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
             "--restart", "unless-stopped", "--memory", "256m", "--cpus", "0.5", "--pids-limit", "128", "--stop-timeout", "20",
             "--health-cmd", "curl -f http://localhost:8080/health", "--health-interval", "2s", "--health-timeout", "1s500ms",
             "--health-retries", "5", "--health-start-period", "30s",
             "app:1", "--urls", "http://+:8080"],
            settings.ToArguments());
    }

    [Fact]
    public void Run_in_the_foreground_for_one_offs_has_no_detach()
    {
        var settings = new DockerRunSettings("app:1") { Detach = false, Remove = true, Entrypoint = "/app/migrate", User = "1654", HealthCheck = new() { Disabled = true } };

        Assert.Equal(["run", "--rm", "--user", "1654", "--entrypoint", "/app/migrate", "--no-healthcheck", "app:1"], settings.ToArguments());
    }

    [Fact]
    public void Container_inspect_ps_stop_rm_logs_diff_and_exec()
    {
        Assert.Equal(["container", "inspect", "web"], new DockerContainerInspectSettings("web").ToArguments());
        Assert.Equal(
            ["ps", "--all", "--no-trunc", "--filter", "label=dev.drydock.app=notes", "--filter", "label=dev.drydock.role", "--filter", "status=running", "--format", "{{json .}}"],
            new DockerPsSettings { LabelFilters = ["dev.drydock.app=notes", "dev.drydock.role"], Filters = ["status=running"] }.ToArguments());
        Assert.Equal(["ps", "--no-trunc", "--format", "{{json .}}"], new DockerPsSettings { All = false }.ToArguments());
        Assert.Equal(["stop", "-t", "30", "web", "worker"], new DockerStopSettings(["web", "worker"]) { Timeout = TimeSpan.FromSeconds(30) }.ToArguments());
        Assert.Equal(["stop", "web"], new DockerStopSettings("web").ToArguments());
        Assert.Equal(["rm", "--force", "--volumes", "web"], new DockerRmSettings("web") { Force = true, Volumes = true }.ToArguments());
        Assert.Equal(["logs", "--tail", "50", "--timestamps", "--since", "10m", "web"], new DockerLogsSettings("web") { Tail = 50, Timestamps = true, Since = "10m" }.ToArguments());
        Assert.Equal(["logs", "web"], new DockerLogsSettings("web") { Tail = null }.ToArguments());
        Assert.Equal(["diff", "web"], new DockerDiffSettings("web").ToArguments());
        Assert.Equal(
            ["exec", "--interactive", "--user", "0", "--workdir", "/app", "--env", "A=1", "web", "/app/probe", "health"],
            new DockerExecSettings("web", ["/app/probe", "health"]) { Interactive = true, User = "0", WorkingDirectory = "/app", Environment = new Dictionary<string, string> { ["A"] = "1" } }.ToArguments());
    }

    [Fact]
    public void Volume_and_network_commands()
    {
        var labels = new Dictionary<string, string> { ["dev.drydock.app"] = "notes" };
        Assert.Equal(["volume", "create", "--label", "dev.drydock.app=notes", "notes-data"], new DockerVolumeCreateSettings("notes-data") { Labels = labels }.ToArguments());
        Assert.Equal(["volume", "ls", "--filter", "label=dev.drydock.app=notes", "--format", "{{json .}}"], new DockerVolumeLsSettings { LabelFilters = ["dev.drydock.app=notes"] }.ToArguments());
        Assert.Equal(["volume", "ls", "--filter", "name=notes-data", "--format", "{{json .}}"], new DockerVolumeLsSettings { NameFilter = "notes-data" }.ToArguments());
        Assert.Equal(["volume", "rm", "--force", "a", "b"], new DockerVolumeRmSettings(["a", "b"]) { Force = true }.ToArguments());
        Assert.Equal(["network", "create", "--driver", "bridge", "--internal", "--label", "dev.drydock.app=notes", "notes"],
            new DockerNetworkCreateSettings("notes") { Driver = "bridge", Internal = true, Labels = labels }.ToArguments());
        Assert.Equal(["network", "rm", "notes"], new DockerNetworkRmSettings("notes").ToArguments());
        Assert.Equal(["version", "--format", "{{json .}}"], new DockerVersionSettings().ToArguments());
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(1_000, "1s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_723_004, "1h2m3s4ms")]
    public void Durations_render_as_go_durations(int milliseconds, string expected) =>
        Assert.Equal(expected, DockerDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
