namespace Drydock.Docker.Tests.Swarm;

/// <summary>The swarm calls on <see cref="DockerCli"/>: what they run, in which order, and what they make of the output.</summary>
public sealed class SwarmCliTests
{
    [Fact]
    public async Task Nodes_are_listed_once_then_inspected_together_in_one_call()
    {
        var runner = new FakeToolRunner()
            .On(["node", "ls"], stdout: """
                {"Hostname":"swmproto-1","ID":"qzzp","Status":"Ready"}
                {"Hostname":"swmproto-3","ID":"wbsm","Status":"Down"}
                """)
            .On(["node", "inspect"], stdout: SwarmOutputTests.NodeInspect);

        var nodes = await new DockerCli(runner).NodesAsync();

        Assert.Equal(["swmproto-1", "swmproto-3"], nodes.Select(n => n.Hostname));
        Assert.Equal(2, runner.Commands.Count);
        Assert.Equal(["node", "inspect", "qzzp", "wbsm"], runner.Commands[1].Arguments);
    }

    [Fact]
    public async Task A_missing_service_inspects_as_null_and_create_returns_the_new_id()
    {
        var runner = new FakeToolRunner()
            .On(["service", "inspect"], exitCode: 1, stderr: "Error: no such service: web")
            .On(["service", "create"], stdout: "k6m1jt3ajg7ryahgfneutp7dl\n");
        var docker = new DockerCli(runner);

        Assert.Null(await docker.InspectServiceAsync("web"));
        Assert.Equal("k6m1jt3ajg7ryahgfneutp7dl", await docker.CreateServiceAsync(new DockerServiceCreateSettings("web", "reg/app@sha256:1")));
    }

    [Fact]
    public async Task Service_tasks_are_read_from_json_lines()
    {
        var runner = new FakeToolRunner().On(["service", "ps"], stdout: string.Join('\n', SwarmOutputTests.ServicePs));

        var tasks = await new DockerCli(runner).ServiceTasksAsync(new DockerServicePsSettings("web"));

        Assert.Equal(["swmproto-2", "swmproto-3", "swmproto-1"], tasks.Select(t => t.Node));
    }
}
