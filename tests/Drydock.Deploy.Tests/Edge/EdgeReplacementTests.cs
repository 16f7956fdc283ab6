using Drydock.Docker;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>A running edge is replaced with only its stop and its successor's start between the two listeners.</summary>
public sealed class EdgeReplacementTests
{
    private const string Name = "drydock-edge-notes-local";
    private readonly FakeDockerEngine _engine = new();
    private readonly DockerRunSettings _successor = new("drydock-edge:new") { Name = Name, Detach = true, Publish = [new PortMapping(8080, 8080, "127.0.0.1")], StopTimeout = TimeSpan.FromSeconds(35) };

    private Task Replace() => new EdgeReplacement(new DockerCli(_engine), new RecordingBuildLog()).ReplaceAsync(_successor, prepare: null, CancellationToken.None);

    private int Index(Func<IReadOnlyList<string>, bool> command) => _engine.Commands.FindIndex(c => command(c));

    [Fact]
    public async Task The_successor_is_created_beside_the_running_edge_and_started_right_after_the_old_one_stops_gracefully()
    {
        var old = _engine.Add(Name, new Dictionary<string, string>(), running: true);

        await Replace();

        var created = Index(c => c[0] == "create" && c.Contains($"{Name}-next"));
        var firstRename = Index(c => c[0] == "rename");
        var stopped = Index(c => c[0] == "stop" && c[^1] == $"{Name}-replaced");
        var started = Index(c => c[0] == "start" && c[^1] == Name);
        Assert.True(created >= 0 && created < firstRename && firstRename < stopped && stopped == started - 1, string.Join(" | ", _engine.Commands.Select(c => string.Join(' ', c))));
        Assert.Equal(["stop", "-t", "35", $"{Name}-replaced"], _engine.Commands[stopped]); // graceful: in-flight requests finish
        Assert.DoesNotContain(_engine.Commands, c => c[0] == "rm" && c.Contains("--force") && c.Contains(Name));
        var serving = _engine.Containers[Name];
        Assert.NotEqual(old.Id, serving.Id);
        Assert.True(serving.Running);
        Assert.Equal([Name], _engine.Containers.Keys);
    }

    [Fact]
    public async Task A_successor_that_cannot_start_gives_the_port_back_to_the_old_edge_under_its_name()
    {
        var old = _engine.Add(Name, new Dictionary<string, string>(), running: true);
        var failedOnce = false;
        _engine.Intercept = c => c[0] == "start" && c[^1] == Name && !failedOnce && (failedOnce = true)
            ? new ToolResult(1, [], ["Error response from daemon: driver failed programming external connectivity: port is already allocated"])
            : null;

        var error = await Assert.ThrowsAsync<DeployException>(Replace);

        Assert.Contains("port is already allocated", error.Message);
        Assert.Contains("the previous edge serves again", error.Message);
        Assert.Equal(old.Id, _engine.Containers[Name].Id);
        Assert.True(_engine.Containers[Name].Running);
        Assert.Equal([Name], _engine.Containers.Keys);
    }
}
