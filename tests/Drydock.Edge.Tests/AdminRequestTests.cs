using Drydock.Edge.Contract;
using Drydock.Edge.Cli;

namespace Drydock.Edge.Tests;

/// <summary>
/// <c>admin request</c>, the transport of Drydock.Deploy's admin client (docker exec, no port): any admin
/// request as is over the socket, the status on the first line and the body after it, refusals included.
/// </summary>
public sealed class AdminRequestTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _v1 = null!;

    public async Task InitializeAsync()
    {
        _v1 = await TestUpstream.StartAsync("v1");
        _edge = await EdgeUnderTest.StartAsync(_state.Path, options => options with { AdminPort = null });
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _v1.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_put_with_its_body_on_stdin_switches_and_a_refusal_keeps_its_status_and_problem()
    {
        var body = $$"""{"upstream":"{{_v1.Address}}","version":"1.0.0","healthPath":"/ready"}""";
        var switched = await RequestAsync("PUT", AdminPaths.Routes, body);
        var conflict = await RequestAsync("PUT", AdminPaths.Routes, $$"""{"upstream":"{{_v1.Address}}","version":"1.0.0","expectedGeneration":9}""");
        var routes = await RequestAsync("GET", AdminPaths.Routes, null);

        Assert.Equal((0, "200"), (switched.Exit, switched.Lines[0]));
        Assert.Equal("v1", await _edge.Public.GetStringAsync("/"));
        Assert.Equal((0, "409"), (conflict.Exit, conflict.Lines[0]));
        Assert.Contains(AdminPaths.GenerationConflictType, conflict.Stdout);
        Assert.Equal("200", routes.Lines[0]);
        Assert.Contains("\"generation\":1", routes.Stdout);
    }

    [Theory]
    [InlineData("PATCH", "/routes")]
    [InlineData("GET", "http://example.invalid/routes")]
    [InlineData("GET", "routes")]
    public async Task Anything_but_an_admin_method_and_path_is_a_bad_command_line(string method, string path)
    {
        var run = await RequestAsync(method, path, null);

        Assert.Equal(AdminCli.BadCommandLine, run.Exit);
        Assert.Empty(run.Stdout);
    }

    private async Task<(int Exit, string Stdout, string[] Lines)> RequestAsync(string method, string path, string? body)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await AdminCli.RunAsync(["--socket", _edge.AdminSocket, "request", "--method", method, "--path", path], _ => null, stdout, stderr,
            stdin: body is null ? null : new StringReader(body));
        var text = stdout.ToString();
        return (exit, text, text.Split('\n'));
    }
}
