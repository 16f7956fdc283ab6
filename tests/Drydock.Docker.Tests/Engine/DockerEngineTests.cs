namespace Drydock.Docker.Tests;

/// <summary>
/// The start path with a fake runner: no real daemon is touched. The facts about this machine (dockerd on PATH, root,
/// Debian) are real, so the client is pointed at 'sh', which exists everywhere, to count as installed.
/// </summary>
public sealed class DockerEngineTests
{
    private static readonly string Answering = Captured.Text("version.json");
    private static readonly string NotAnswering = Captured.Text("version-no-engine.json");

    [Fact]
    public async Task A_running_engine_is_only_asked_for_its_version()
    {
        var runner = new FakeToolRunner().On(["version"], stdout: Answering);
        var log = new RecordingBuildLog();

        var version = await DockerEngine.EnsureAvailableAsync(new DockerCli(runner) { Executable = "sh" }, log, "/tmp/unused.log");

        Assert.Equal("20.10.24+dfsg1", version.ServerVersion);
        Assert.Single(runner.Commands);
        Assert.Contains(log.Lines, line => line.Contains("answers"));
    }

    [Fact]
    public async Task A_stopped_engine_is_started_detached_and_waited_for()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 })
            return; // a remote engine is never replaced by a local one; covered by EnginePlanTests
        var versionCalls = 0;
        var runner = new FakeToolRunner()
            .On(["version"], _ => ++versionCalls < 3 ? FakeToolRunner.Result(1, NotAnswering, "Cannot connect") : FakeToolRunner.Result(0, Answering))
            // "Started" daemon: this test process, which is certainly alive.
            .On(c => c.FileName == "sh" && c.Arguments[0] == "-c", _ => FakeToolRunner.Result(0, Environment.ProcessId.ToString()));
        var log = new RecordingBuildLog();

        var version = await DockerEngine.EnsureAvailableAsync(new DockerCli(runner) { Executable = "sh" }, log, Path.Combine(Path.GetTempPath(), "drydock-unit-dockerd.log"));

        Assert.True(version.EngineAnswers);
        if (HostSystem.FindExecutable("dockerd") is not null)
        {
            var start = runner.Commands.Single(c => c.FileName == "sh" && c.Arguments[0] == "-c");
            Assert.Equal("dockerd", start.Arguments[4]);
            Assert.Contains(log.Lines, line => line.Contains("starting dockerd in the background"));
            Assert.Contains(log.Lines, line => line.Contains("answers after starting dockerd"));
        }
    }

    [Fact]
    public async Task A_daemon_that_dies_fails_with_the_tail_of_its_log()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || HostSystem.FindExecutable("dockerd") is null)
            return; // the start path is only taken where dockerd is installed
        var logPath = Path.Combine(Path.GetTempPath(), $"drydock-unit-dockerd-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(logPath, "failed to start daemon: error initializing graphdriver\n");
        var runner = new FakeToolRunner()
            .On(["version"], 1, NotAnswering, "Cannot connect")
            .On(c => c.FileName == "sh", _ => FakeToolRunner.Result(0, "2147483646"));
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                DockerEngine.EnsureAvailableAsync(new DockerCli(runner) { Executable = "sh" }, new RecordingBuildLog(), logPath));

            Assert.Contains("exited before answering", error.Message);
            Assert.Contains("error initializing graphdriver", error.Message);
        }
        finally
        {
            File.Delete(logPath);
        }
    }
}
