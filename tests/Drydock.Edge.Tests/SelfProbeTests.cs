using Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

/// <summary><c>Drydock.Edge --healthcheck</c>: what the image's HEALTHCHECK runs, without a shell or curl.</summary>
public sealed class SelfProbeTests
{
    [Fact]
    public async Task A_running_edge_is_healthy_even_before_its_first_route()
    {
        using var state = new TempDirectory();
        await using var edge = await EdgeUnderTest.StartAsync(state.Path);
        var output = new StringWriter();

        var exit = await SelfProbe.RunAsync(["--healthcheck", new Uri(edge.Server.AdminAddress, "/health").ToString()], _ => null, output);

        Assert.Equal(0, exit);
        Assert.StartsWith("healthy: 200", output.ToString());
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy()
    {
        var output = new StringWriter();

        var exit = await SelfProbe.RunAsync(["--healthcheck", "http://127.0.0.1:1/health"], _ => null, output);

        Assert.Equal(1, exit);
        Assert.StartsWith("unhealthy:", output.ToString());
    }

    [Fact]
    public void By_default_it_probes_the_admin_port_on_loopback()
    {
        Assert.Equal(new Uri("http://127.0.0.1:9901/health"), SelfProbe.Target(["--healthcheck"], _ => null));
        Assert.Equal(new Uri("http://127.0.0.1:7000/health"), SelfProbe.Target(["--healthcheck"], name => name == "EDGE_ADMIN_PORT" ? "7000" : null));
    }

    [Theory]
    [InlineData("EDGE_PUBLIC_PORT", "0")]
    [InlineData("EDGE_ADMIN_PORT", "70000")]
    [InlineData("EDGE_SHUTDOWN_TIMEOUT_SECONDS", "soon")]
    [InlineData("EDGE_ADMIN_ALLOW", "everyone")]
    public void Bad_configuration_is_refused_by_name(string name, string value)
    {
        var error = Assert.Throws<FormatException>(() => EdgeOptions.FromEnvironment(n => n == name ? value : null));

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void The_container_defaults_are_ports_8080_and_9901_and_state_in_slash_state()
    {
        var options = EdgeOptions.FromEnvironment(_ => null);

        Assert.Equal((8080, 9901, "/state"), (options.PublicPort, options.AdminPort, options.StateDirectory));
        Assert.Null(options.ListenAddress);
        Assert.False(options.AdminAccess.AllowsAny);
    }
}
