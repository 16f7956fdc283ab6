using Drydock.Docker;

namespace Drydock.Deploy.Tests;

/// <summary>The docker commands Drydock.Deploy added to Drydock.Docker (create, start, port, cp) render as docker expects.</summary>
public sealed class DockerSettingsTests
{
    [Fact]
    public void Create_takes_the_run_options_without_detach()
    {
        var run = new DockerRunSettings("img@sha256:x") { Name = "c", Detach = true, ReadOnly = true, Command = ["/never-started"] };
        Assert.Equal(["create", "--name", "c", "--read-only", "img@sha256:x", "/never-started"], new DockerCreateSettings(run).ToArguments());
    }

    [Fact]
    public void Start_port_and_cp_render_plainly()
    {
        Assert.Equal(["start", "a", "b"], new DockerStartSettings(["a", "b"]).ToArguments());
        Assert.Equal(["port", "c", "8080/tcp"], new DockerPortSettings("c", 8080).ToArguments());
        Assert.Equal(["cp", "holder:/state/history.jsonl", "/tmp/x"], new DockerCpSettings("holder:/state/history.jsonl", "/tmp/x").ToArguments());
        Assert.Equal(["cp", "--archive", "a", "b"], new DockerCpSettings("a", "b") { Archive = true }.ToArguments());
    }
}
