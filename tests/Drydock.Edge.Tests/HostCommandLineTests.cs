using Drydock.Edge.Cli;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tests;

/// <summary><c>Drydock.Edge admin host …</c> as admin requests, and bad command lines refused with the fix.</summary>
public sealed class HostCommandLineTests
{
    [Fact]
    public void Set_switches_one_host_route_with_its_generation()
    {
        var command = Assert.IsType<AdminCommand.HostRequest>(AdminCommandLine.Parse(
            ["host", "set", "--host", "notes.example.org", "--upstream", "notes-1.2.3:8080", "--version", "1.2.3", "--generation", "4"]).Command);

        Assert.Equal(HttpMethod.Put, command.Method);
        Assert.Equal("/hosts/notes.example.org/route", command.Path);
        Assert.Equal(new RouteChange("http://notes-1.2.3:8080", "1.2.3") { ExpectedGeneration = 4 }, command.Body);
        Assert.False(command.LongRunning);
    }

    [Fact]
    public void Set_with_a_path_prefix_names_that_route()
    {
        var command = Assert.IsType<AdminCommand.HostRequest>(AdminCommandLine.Parse(
            ["host", "set", "--host", "notes.example.org", "--path-prefix", "/api", "--upstream", "a:1", "--version", "1"]).Command);

        Assert.Equal("/hosts/notes.example.org/route?pathPrefix=%2Fapi", command.Path);
    }

    [Theory]
    [InlineData(new[] { "host", "list" }, "GET", "/hosts", false)]
    [InlineData(new[] { "host", "declare", "--host", "a.example.org", "--tls", "acme" }, "PUT", "/hosts/a.example.org", false)]
    [InlineData(new[] { "host", "certificate", "--host", "a.example.org" }, "GET", "/hosts/a.example.org/certificate", false)]
    [InlineData(new[] { "host", "certificate", "--host", "a.example.org", "--issue" }, "POST", "/hosts/a.example.org/certificate", true)]
    public void Each_command_is_one_request(string[] args, string method, string path, bool longRunning)
    {
        var command = Assert.IsType<AdminCommand.HostRequest>(AdminCommandLine.Parse(args).Command);

        Assert.Equal((method, path, longRunning), (command.Method.Method, command.Path, command.LongRunning));
    }

    [Fact]
    public void Declare_carries_the_prefix_and_tls_mode() =>
        Assert.Equal(new HostDeclarationChange("/api", "files"),
            Assert.IsType<AdminCommand.HostRequest>(AdminCommandLine.Parse(["host", "declare", "--host", "a.example.org", "--path-prefix", "/api", "--tls", "files"]).Command).Body);

    [Theory]
    [InlineData(new[] { "host" }, "'host' needs a command")]
    [InlineData(new[] { "host", "remove" }, "'host' needs a command")]
    [InlineData(new[] { "host", "set", "--upstream", "a:1", "--version", "1" }, "--host is required")]
    [InlineData(new[] { "host", "set", "--host", "a.example.org", "--version", "1" }, "--upstream is required")]
    [InlineData(new[] { "host", "set", "--host", "a.example.org", "--upstream", "a:1", "--version", "1", "--generation", "x" }, "not a whole number")]
    [InlineData(new[] { "host", "list", "--host", "a" }, "takes no options")]
    [InlineData(new[] { "host", "certificate", "--host" }, "--host needs a value")]
    [InlineData(new[] { "host", "declare", "--host", "a.example.org", "--host", "b.example.org" }, "given twice")]
    public void Bad_command_lines_name_the_fix(string[] args, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => AdminCommandLine.Parse(args)).Message);
}
