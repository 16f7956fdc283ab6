using System.Diagnostics;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary>
/// The real binary (the apphost the image runs as /app/Drydock.Edge) as its own admin client, in a child process: what
/// <c>docker exec &lt;edge&gt; /app/Drydock.Edge admin …</c> runs, finding the socket from the container's environment.
/// </summary>
public sealed class AdminCliProcessTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestUpstream.StartAsync("app");
        _edge = await EdgeUnderTest.StartAsync(_state.Path, options => options with { AdminPort = null });
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _app.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task The_binary_switches_and_reads_the_route_with_the_socket_found_from_EDGE_STATE_DIR()
    {
        var switched = await RunAsync("admin", "switch", "--upstream", new Uri(_app.Address).Authority, "--version", "1.0.0", "--health-path", "/ready");
        var routes = await RunAsync("admin", "routes");

        Assert.Equal(0, switched.Exit);
        Assert.Equal(1, switched.Json<RouteSwitchResult>().Generation);
        Assert.Equal((0, "1.0.0"), (routes.Exit, routes.Json<RouteTableView>().Active!.Version));
        Assert.Equal("app", await _edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_image_healthcheck_probes_the_socket_when_the_admin_port_is_off()
    {
        var probe = await RunAsync("--healthcheck");

        Assert.Equal(0, probe.Exit);
        Assert.StartsWith("healthy: 200", probe.Stdout);
    }

    [Fact]
    public async Task Bad_usage_exits_2_on_stderr()
    {
        var run = await RunAsync("admin", "switch");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--upstream is required", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    private async Task<CliRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Drydock.Edge"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["EDGE_STATE_DIR"] = _state.Path, ["EDGE_ADMIN_PORT"] = "off" },
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
