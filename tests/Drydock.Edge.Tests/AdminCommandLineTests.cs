using Drydock.Edge.Cli;
using Drydock.Edge.Contract;
using Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

/// <summary><c>Drydock.Edge admin …</c> parsed as data; bad command lines name the option and the fix.</summary>
public sealed class AdminCommandLineTests
{
    [Fact]
    public void Switch_takes_host_and_port_and_the_optional_guards()
    {
        var parsed = AdminCommandLine.Parse(["switch", "--upstream", "notes-prod-1.2.3:8080", "--version", "1.2.3", "--health-path", "/health/ready", "--generation", "7"]);

        var change = Assert.IsType<AdminCommand.Switch>(parsed.Command).Change;
        Assert.Equal(new RouteChange("http://notes-prod-1.2.3:8080", "1.2.3") { HealthPath = "/health/ready", ExpectedGeneration = 7 }, change);
        Assert.Null(parsed.Socket);
    }

    [Theory]
    [InlineData(new[] { "routes" }, typeof(AdminCommand.Routes))]
    [InlineData(new[] { "health" }, typeof(AdminCommand.Health))]
    [InlineData(new string[0], typeof(AdminCommand.Help))]
    [InlineData(new[] { "--help" }, typeof(AdminCommand.Help))]
    public void Simple_commands(string[] args, Type expected) =>
        Assert.IsType(expected, AdminCommandLine.Parse(args).Command);

    [Fact]
    public void The_other_commands_parse_to_what_they_send()
    {
        Assert.Equal(new AdminCommand.HealthCheck(new UpstreamHealthRequest("http://a:8080", "/ready")),
            AdminCommandLine.Parse(["health-check", "--upstream", "a:8080", "--path", "/ready"]).Command);
        Assert.Equal(new AdminCommand.Drain("http://a:8080", TimeSpan.FromSeconds(2.5)),
            AdminCommandLine.Parse(["drain", "--upstream", "http://a:8080", "--timeout", "2500ms"]).Command);
        Assert.Equal(new AdminCommand.Drain("http://a:8080", TimeSpan.FromSeconds(30)), AdminCommandLine.Parse(["drain", "--upstream", "a:8080"]).Command);
        Assert.Equal(new AdminCommand.Metrics(true), AdminCommandLine.Parse(["metrics", "--prometheus"]).Command);
        Assert.Equal(new AdminCommand.SetCandidate(new CandidateChange("http://a:8080", "2.0.0")), AdminCommandLine.Parse(["candidate", "--upstream", "a:8080", "--version", "2.0.0"]).Command);
        Assert.Equal(new AdminCommand.ClearCandidate(), AdminCommandLine.Parse(["candidate", "--clear"]).Command);
        Assert.Equal(new AdminInvocation(new AdminCommand.Metrics(false), "/s/admin.sock"), AdminCommandLine.Parse(["--socket", "/s/admin.sock", "metrics"]));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("0.5s", 0.5)]
    [InlineData("250ms", 0.25)]
    public void Durations(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AdminCommandLine.Duration(text));

    [Theory]
    [InlineData(new[] { "swich" }, "Unknown command 'swich'")]
    [InlineData(new[] { "switch", "--version", "1" }, "--upstream is required")]
    [InlineData(new[] { "switch", "--upstream", "a:1" }, "--version is required")]
    [InlineData(new[] { "switch", "--upstream", "a:1", "--version", "1", "--generation", "-1" }, "--generation '-1' is not a whole number")]
    [InlineData(new[] { "switch", "--upstream", "a:1", "--version" }, "--version needs a value")]
    [InlineData(new[] { "switch", "--upstream", "a:1", "--upstream", "b:1", "--version", "1" }, "--upstream is given twice")]
    [InlineData(new[] { "routes", "--all" }, "'routes' takes no options, not '--all'")]
    [InlineData(new[] { "drain", "--upstream", "a:1", "--timout", "3" }, "'drain' has no option '--timout'; it takes --upstream, --timeout")]
    [InlineData(new[] { "drain", "--upstream", "a:1", "--timeout", "soon" }, "--timeout 'soon' is not a duration")]
    [InlineData(new[] { "health-check", "--upstream", "a:1" }, "--path is required")]
    [InlineData(new[] { "--socket" }, "--socket needs a path")]
    [InlineData(new[] { "candidate", "--clear", "--version", "1" }, "candidate --clear takes no other option")]
    [InlineData(new[] { "candidate", "--upstream", "a:1" }, "--version is required")]
    [InlineData(new[] { "drain", "--upstream", "http://" }, "--upstream 'http://' is not an address")]
    public void Bad_command_lines_name_the_problem(string[] args, string message)
    {
        var error = Assert.Throws<FormatException>(() => AdminCommandLine.Parse(args));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_socket_comes_from_the_environment_like_the_servers()
    {
        Assert.Equal("/state/admin/admin.sock", EdgeOptions.AdminSocket(_ => null));
        Assert.Equal("/data/edge/admin/admin.sock", EdgeOptions.AdminSocket(n => n == "EDGE_STATE_DIR" ? "/data/edge" : null));
        Assert.Equal("/run/edge.sock", EdgeOptions.AdminSocket(n => n == "EDGE_ADMIN_SOCKET" ? "/run/edge.sock" : null));
        Assert.Null(EdgeOptions.AdminSocket(n => n == "EDGE_ADMIN_SOCKET" ? "off" : null));
        Assert.Contains("EDGE_ADMIN_SOCKET", Assert.Throws<FormatException>(() => EdgeOptions.AdminSocket(n => n == "EDGE_ADMIN_SOCKET" ? "edge.sock" : null)).Message);
    }

    [Fact]
    public void The_admin_port_can_be_off_but_not_together_with_the_socket()
    {
        var portOff = EdgeOptions.FromEnvironment(n => n == "EDGE_ADMIN_PORT" ? "off" : null);
        var error = Assert.Throws<FormatException>(() => EdgeOptions.FromEnvironment(n => n is "EDGE_ADMIN_PORT" or "EDGE_ADMIN_SOCKET" ? "off" : null));

        Assert.Equal((null, "/state/admin/admin.sock"), (portOff.AdminPort, portOff.AdminSocketPath));
        Assert.Contains("both off", error.Message);
    }
}
