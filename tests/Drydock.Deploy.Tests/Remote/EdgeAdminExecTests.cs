using System.Net;
using Drydock.Edge.Contract;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>The edge's admin API through docker exec of its own admin client, as data and through a recorded runner.</summary>
public sealed class EdgeAdminExecTests
{
    [Fact]
    public void One_request_is_one_docker_exec_of_the_edge_binary_with_stdin_open()
    {
        Assert.Equal(["exec", "--interactive", "edge-x", "/app/Drydock.Edge", "admin", "request", "--method", "PUT", "--path", "/routes"],
            EdgeAdminExec.Settings("edge-x", HttpMethod.Put, "/routes").ToArguments());
    }

    [Fact]
    public async Task The_first_line_is_the_status_and_the_rest_the_body()
    {
        using var ok = EdgeAdminExec.Answer("edge-x", 0, ["200", """{"generation":3,""", "\"upstreams\":[]}"], []);
        using var refused = EdgeAdminExec.Answer("edge-x", 0, ["422", """{"type":"urn:x","title":"unhealthy"}"""], []);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("{\"generation\":3,\n\"upstreams\":[]}", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(3, "error: no edge answers on the admin socket")]
    [InlineData(1, "Error response from daemon: container abc is not running")]
    public void An_edge_that_does_not_answer_is_a_failed_connection_so_callers_keep_waiting(int exit, string stderr)
    {
        var e = Assert.Throws<HttpRequestException>(() => EdgeAdminExec.Answer("edge-x", exit, [], [stderr]));
        Assert.Contains(stderr, e.Message);
    }

    [Fact]
    public void An_edge_too_old_for_the_request_command_names_the_fix()
    {
        var e = Assert.Throws<InvalidOperationException>(() => EdgeAdminExec.Answer("edge-x", 2, [], ["error: Unknown command 'request'. Commands: …"]));
        Assert.Contains("docker rm -f edge-x", e.Message);
        Assert.Contains("never closes a serving port unasked", e.Message);
    }

    [Fact]
    public async Task The_client_sends_the_body_on_stdin_through_the_engine_it_was_given()
    {
        var runner = new RecordingRunner(new ToolResult(0, ["200", """{"generation":4,"active":{"upstream":"http://a:8080","version":"2","since":"2026-01-01T00:00:00Z"},"previous":null}"""], []));
        var docker = new DockerCli(runner).WithDockerHost("unix:///tmp/drydock-ssh-x/docker.sock");
        using var client = EdgeAdminExec.Client(docker, "edge-x");

        var result = await client.SwitchAsync(new RouteChange("http://a:8080", "2"));

        Assert.Equal(4, result.Generation);
        var command = Assert.Single(runner.Commands);
        Assert.Contains("/routes", command.Arguments);
        Assert.Contains("\"upstream\":\"http://a:8080\"", command.StandardInput);
        Assert.Equal("unix:///tmp/drydock-ssh-x/docker.sock", command.Environment!["DOCKER_HOST"]);
    }

    private sealed class RecordingRunner(ToolResult answer) : IToolRunner
    {
        public List<ToolCommand> Commands { get; } = [];

        public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            return Task.FromResult(answer);
        }
    }
}
