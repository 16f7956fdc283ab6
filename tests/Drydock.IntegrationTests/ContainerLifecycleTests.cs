using System.Diagnostics;
using Drydock.Docker;

namespace Drydock.IntegrationTests;

/// <summary>The run options the release chain uses, and inspect/ps/logs/exec/diff/stop/rm, against the real engine.</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerLifecycleTests(DockerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_hardened_container_runs_answers_on_loopback_and_becomes_healthy()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));
        var name = fixture.RunId + "-web";
        var volume = fixture.RunId + "-data";
        var network = fixture.RunId + "-net";
        var port = FreePort.Next();
        var envFile = Path.Combine(fixture.WorkDirectory, "web.env");
        await File.WriteAllTextAsync(envFile, "GREETING=hello from env-file\n");

        await docker.CreateVolumeAsync(new DockerVolumeCreateSettings(volume) { Labels = fixture.Labels });
        fixture.TrackNetwork(network);
        await docker.CreateNetworkAsync(new DockerNetworkCreateSettings(network) { Labels = fixture.Labels });
        try
        {
            var id = await docker.RunDetachedAsync(new DockerRunSettings(fixture.ProbeImage)
            {
                Name = name,
                Labels = new Dictionary<string, string>(fixture.Labels) { ["dev.drydock.role"] = "web" },
                EnvFiles = [envFile],
                Volumes = [new VolumeMount(volume, "/data")],
                Publish = [new PortMapping(port, 8080)],
                Network = network,
                ReadOnly = true,
                Tmpfs = ["/tmp:rw,noexec,nosuid,size=16m"],
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                Restart = "unless-stopped",
                Memory = "256m",
                Cpus = "1",
                PidsLimit = 256,
                // A start period: on a loaded runner the first probes may fail before the app listens, which must not count as unhealthy.
                HealthCheck = new ContainerHealthCheck { Interval = TimeSpan.FromSeconds(1), Retries = 3, StartPeriod = TimeSpan.FromSeconds(30) },
            });

            var healthy = await WaitForHealthAsync(docker, name, TimeSpan.FromSeconds(40));
            Assert.Equal("healthy", healthy.HealthStatus);
            Assert.True(healthy.Running);
            Assert.Equal(id, healthy.Id);
            Assert.Equal(fixture.ProbeImageId, healthy.ImageId);
            Assert.Equal("web", healthy.Labels["dev.drydock.role"]);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var page = await http.GetStringAsync($"http://127.0.0.1:{port}/");
            Assert.Contains("ok   icu=", page);
            Assert.Contains("ok   tmp-writable=yes", page);

            var env = await docker.ExecAsync(new DockerExecSettings(name, ["/app/probe", "env", "GREETING"]));
            Assert.Equal("hello from env-file", env.Output.Trim());
            // Read-only root, but the volume (owned by the app user through the image's /data) takes writes.
            await docker.ExecAsync(new DockerExecSettings(name, ["/app/probe", "write", "/data/state", "kept"]));
            var rootWrite = await docker.ExecAsync(new DockerExecSettings(name, ["/app/probe", "write", "/home/app/x", "no"]), throwOnError: false);
            Assert.NotEqual(0, rootWrite.ExitCode);

            var listed = await docker.PsAsync(new DockerPsSettings { LabelFilters = [$"{DockerFixture.RunLabel}={fixture.RunId}", "dev.drydock.role=web"] });
            var summary = Assert.Single(listed);
            Assert.Equal(name, summary.Names);
            Assert.Equal("running", summary.State);
            Assert.Equal("web", summary.Labels["dev.drydock.role"]);
            Assert.Contains($"127.0.0.1:{port}->8080/tcp", summary.Ports);

            var volumes = await docker.ListVolumesAsync(new DockerVolumeLsSettings { LabelFilters = [$"{DockerFixture.RunLabel}={fixture.RunId}"] });
            Assert.Contains(volumes, v => v.Name == volume && v.Labels[DockerFixture.RunLabel] == fixture.RunId);

            var logs = await docker.LogsAsync(new DockerLogsSettings(name) { Tail = 10 });
            Assert.Contains("probe: listening on 8080", logs.StandardOutput);
            Assert.Contains("probe: diagnostics go to stderr", logs.StandardError);

            await docker.StopAsync(new DockerStopSettings(name) { Timeout = TimeSpan.FromSeconds(10) });
            var stopped = await docker.InspectContainerAsync(name);
            Assert.NotNull(stopped);
            Assert.False(stopped.Running);
            Assert.Equal(0, stopped.ExitCode); // the probe handled SIGTERM and exited cleanly

            await docker.RemoveContainersAsync(new DockerRmSettings(name));
            Assert.Null(await docker.InspectContainerAsync(name));
        }
        finally
        {
            await docker.ExecuteAsync(new DockerRmSettings(name) { Force = true }, throwOnError: false);
            await docker.ExecuteAsync(new DockerNetworkRmSettings(network), throwOnError: false);
            await docker.ExecuteAsync(new DockerVolumeRmSettings(volume) { Force = true }, throwOnError: false);
        }
    }

    [Fact]
    public async Task Diff_shows_what_a_container_wrote_outside_its_volumes()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));
        var name = fixture.RunId + "-diff";
        try
        {
            await docker.RunDetachedAsync(new DockerRunSettings(fixture.ProbeImage) { Name = name, Labels = fixture.Labels });
            await docker.ExecAsync(new DockerExecSettings(name, ["/app/probe", "write", "/home/app/marker", "x"]));

            var changes = await docker.DiffAsync(name);

            Assert.Contains(new ContainerChange(ContainerChangeKind.Added, "/home/app/marker"), changes);
            Assert.Contains(new ContainerChange(ContainerChangeKind.Changed, "/home/app"), changes);
        }
        finally
        {
            await docker.ExecuteAsync(new DockerRmSettings(name) { Force = true }, throwOnError: false);
        }
    }

    [Fact]
    public async Task Inspecting_what_does_not_exist_gives_null()
    {
        var docker = fixture.CreateDocker(new CapturingBuildLog(output));

        Assert.Null(await docker.InspectContainerAsync(fixture.RunId + "-absent"));
        Assert.Null(await docker.InspectImageAsync(fixture.RunId + "/absent:1"));
    }

    private static async Task<ContainerState> WaitForHealthAsync(DockerCli docker, string name, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var details = await docker.InspectContainerAsync(name) ?? throw new InvalidOperationException($"{name} disappeared.");
            if (details.HealthStatus is "healthy" or "unhealthy" || !details.Running || clock.Elapsed > timeout)
                return details;
            await Task.Delay(250);
        }
    }
}
