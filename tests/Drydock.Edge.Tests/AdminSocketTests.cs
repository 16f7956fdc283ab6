using System.Net.Sockets;
using Drydock.Edge.Contract;
using Drydock.Edge.Cli;

namespace Drydock.Edge.Tests;

/// <summary>
/// The admin API over the edge's unix socket, driven by the edge's own command line as
/// <c>docker exec &lt;edge&gt; /app/Drydock.Edge admin …</c> does; with the admin port switched off, the socket is the only way in.
/// </summary>
public sealed class AdminSocketTests : IAsyncLifetime
{
    private readonly TempDirectory _state = new();
    private EdgeUnderTest _edge = null!;
    private TestUpstream _v1 = null!;
    private TestUpstream _v2 = null!;

    public async Task InitializeAsync()
    {
        _v1 = await TestUpstream.StartAsync("v1");
        _v2 = await TestUpstream.StartAsync("v2");
        _edge = await EdgeUnderTest.StartAsync(_state.Path, options => options with { AdminPort = null });
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _v1.DisposeAsync();
        await _v2.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task Without_an_admin_port_the_command_line_switches_the_route_over_the_socket()
    {
        var health = await _edge.AdminCliAsync("health");
        var first = await _edge.AdminCliAsync("switch", "--upstream", Authority(_v1), "--version", "1.0.0", "--health-path", "/ready");
        var served = await _edge.Public.GetStringAsync("/");
        var second = await _edge.AdminCliAsync("switch", "--upstream", Authority(_v2), "--version", "2.0.0", "--generation", "1");
        var routes = await _edge.AdminCliAsync("routes");

        Assert.Throws<InvalidOperationException>(() => _edge.Server.AdminAddress); // no admin port at all
        Assert.Equal((0, false), (health.Exit, health.Json<EdgeHealthView>().Routed));
        Assert.Equal((0, 1L), (first.Exit, first.Json<RouteSwitchResult>().Generation));
        Assert.Equal("v1", served);
        Assert.Equal((0, "2.0.0"), (second.Exit, second.Json<RouteSwitchResult>().Active.Version));
        Assert.Equal("v2", await _edge.Public.GetStringAsync("/"));
        var table = routes.Json<RouteTableView>();
        Assert.Equal((2L, _v2.Address), (table.Generation, table.Active!.Upstream));
    }

    [Fact]
    public async Task The_socket_is_served_when_the_port_answers_the_host_only()
    {
        // A socket connection has no IP address to check: the file system decided already, so the address policy must not refuse it.
        using var state = new TempDirectory();
        await using var edge = await EdgeUnderTest.StartAsync(state.Path,
            options => options with { AdminAccess = Drydock.Edge.Admin.AdminAccessPolicy.Parse(null, () => []) });

        var run = await edge.AdminCliAsync("switch", "--upstream", Authority(_v1), "--version", "1.0.0");
        var viaPort = await edge.Admin.GetRoutesAsync(); // the loopback port keeps working as before

        Assert.Equal(0, run.Exit);
        Assert.Equal("1.0.0", viaPort.Active!.Version);
    }

    [Fact]
    public async Task A_refused_switch_exits_1_prints_the_problem_and_changes_nothing()
    {
        await _edge.AdminCliAsync("switch", "--upstream", Authority(_v1), "--version", "1.0.0");
        _v2.Healthy = false;

        var stale = await _edge.AdminCliAsync("switch", "--upstream", Authority(_v2), "--version", "2.0.0", "--generation", "0");
        var unhealthy = await _edge.AdminCliAsync("switch", "--upstream", Authority(_v2), "--version", "2.0.0", "--health-path", "/ready");
        var invalid = await _edge.AdminCliAsync("switch", "--upstream", "ftp://x:1", "--version", "2.0.0");

        Assert.Equal(1, stale.Exit);
        Assert.Contains(AdminPaths.GenerationConflictType, stale.Stdout);
        Assert.Contains("Expected generation 0, but it is 1", stale.Stderr);
        Assert.Equal(1, unhealthy.Exit);
        Assert.Contains(AdminPaths.UpstreamUnhealthyType, unhealthy.Stdout);
        Assert.Contains("HTTP 503", unhealthy.Stderr);
        Assert.Equal(1, invalid.Exit);
        Assert.Contains("upstream: 'ftp://x:1': only http upstreams", invalid.Stderr);
        Assert.Equal("v1", await _edge.Public.GetStringAsync("/"));
    }

    [Fact]
    public async Task Health_check_asks_the_candidate_from_the_edge_without_switching()
    {
        _v2.Healthy = false;

        var healthy = await _edge.AdminCliAsync("health-check", "--upstream", Authority(_v1), "--path", "/ready");
        var unhealthy = await _edge.AdminCliAsync("health-check", "--upstream", Authority(_v2), "--path", "/ready");
        var nobody = await _edge.AdminCliAsync("health-check", "--upstream", "127.0.0.1:1", "--path", "/ready");
        var badPath = await _edge.AdminCliAsync("health-check", "--upstream", Authority(_v1), "--path", "ready");

        Assert.Equal((0, true), (healthy.Exit, healthy.Json<UpstreamHealthView>().Healthy));
        Assert.Equal((1, false), (unhealthy.Exit, unhealthy.Json<UpstreamHealthView>().Healthy));
        Assert.Contains("HTTP 503", unhealthy.Stderr);
        Assert.Equal((1, false), (nobody.Exit, nobody.Json<UpstreamHealthView>().Healthy));
        Assert.Equal(1, badPath.Exit);
        Assert.Contains("path: 'ready' must be a path", badPath.Stderr);
        Assert.Equal(0, (await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Generation);
    }

    [Fact]
    public async Task Drain_waits_for_the_replaced_upstreams_last_request()
    {
        await _edge.AdminCliAsync("switch", "--upstream", Authority(_v1), "--version", "1.0.0");
        var held = _edge.Public.GetStringAsync("/hold");
        await _v1.Holding;
        await _edge.AdminCliAsync("switch", "--upstream", Authority(_v2), "--version", "2.0.0");

        var active = await _edge.AdminCliAsync("drain", "--upstream", Authority(_v2));
        var busy = await _edge.AdminCliAsync("drain", "--upstream", Authority(_v1), "--timeout", "200ms");
        _v1.Release();
        var drained = await _edge.AdminCliAsync("drain", "--upstream", Authority(_v1), "--timeout", "30s");

        Assert.Equal(1, active.Exit);
        Assert.Contains("is the active upstream", active.Stderr);
        Assert.Equal((1, false, 1L), (busy.Exit, busy.Json<UpstreamDrainView>().Drained, busy.Json<UpstreamDrainView>().InFlight));
        Assert.Equal((0, true), (drained.Exit, drained.Json<UpstreamDrainView>().Drained));
        Assert.Equal("v1", await held);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_socket_is_owner_only_in_an_owner_only_directory()
    {
        var socket = _edge.AdminSocket;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
    }

    [Fact]
    public async Task A_restarted_edge_replaces_the_socket_a_killed_one_left_but_never_a_live_ones()
    {
        using var state = new TempDirectory();
        var path = Drydock.Edge.Hosting.EdgeOptions.DefaultAdminSocket(state.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var leftover = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            leftover.Bind(new UnixDomainSocketEndPoint(path)); // a socket file nobody listens on, as after kill -9

        await using var restarted = await EdgeUnderTest.StartAsync(state.Path, options => options with { AdminPort = null });
        var answer = await restarted.AdminCliAsync("health");
        var second = await Assert.ThrowsAsync<IOException>(() => EdgeUnderTest.StartAsync(state.Path, options => options with { AdminPort = null }));

        Assert.Equal(0, answer.Exit);
        Assert.Contains("Another edge already listens on the admin socket", second.Message);
        Assert.Equal(0, (await restarted.AdminCliAsync("health")).Exit);
    }

    [Fact]
    public async Task No_edge_on_the_socket_exits_3_and_says_where_to_run_it()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = await AdminCli.RunAsync(["--socket", Path.Combine(_state.Path, "nothing.sock"), "routes"], _ => null, stdout, stderr);

        Assert.Equal(AdminCli.Unreachable, exit);
        Assert.Contains("no edge answers on the admin socket", stderr.ToString());
        Assert.Contains("docker exec", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task A_bad_command_line_exits_2_with_the_usage_and_sends_nothing()
    {
        var run = await _edge.AdminCliAsync("switch", "--upstream", Authority(_v1));

        Assert.Equal(AdminCli.BadCommandLine, run.Exit);
        Assert.Contains("--version is required", run.Stderr);
        Assert.Contains("usage: Drydock.Edge admin", run.Stderr);
        Assert.Equal(0, (await _edge.AdminCliAsync("routes")).Json<RouteTableView>().Generation);
    }

    private static string Authority(TestUpstream upstream) => new Uri(upstream.Address).Authority;
}
