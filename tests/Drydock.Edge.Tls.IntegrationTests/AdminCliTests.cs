using System.Text.Json.Nodes;
using Drydock.Edge.Cli;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary><c>Drydock.Edge admin host …</c> over the edge's admin socket: what the deploy runs with <c>docker exec</c>.</summary>
[Collection(EdgeTlsCollection.Name)]
public sealed class AdminCliTests(EdgeTlsFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Host_certificate_issue_waits_for_the_certificate_and_prints_issuer_and_expiry()
    {
        var host = $"cli.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
        Assert.Equal(AdminCli.Done, (await RunAsync("host", "declare", "--host", host, "--tls", "acme")).Exit);

        var (exit, stdout, stderr) = await RunAsync("host", "certificate", "--host", host, "--issue");

        Assert.True(exit == AdminCli.Done, $"{stderr}\n{fixture.Logs}");
        var status = JsonNode.Parse(stdout)!;
        Assert.True(status["valid"]!.GetValue<bool>());
        Assert.Contains("Pebble", status["issuer"]!.ToString());
        Assert.True(status["notAfter"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_failed_issuance_exits_1_naming_the_cause()
    {
        var host = $"clidns.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
        await fixture.FailDnsAsync(host);
        Assert.Equal(AdminCli.Done, (await RunAsync("host", "declare", "--host", host, "--tls", "acme")).Exit);

        var (exit, stdout, stderr) = await RunAsync("host", "certificate", "--host", host, "--issue");

        output.WriteLine(stderr);
        Assert.Equal(AdminCli.Refused, exit);
        Assert.Equal("dns", JsonNode.Parse(stdout)!["cause"]!.ToString());
        Assert.Contains("(dns)", stderr);
        Assert.Contains(host, stderr);
    }

    [Fact]
    public async Task Host_set_on_an_undeclared_host_is_refused_with_the_fix()
    {
        var (exit, _, stderr) = await RunAsync("host", "set", "--host", "nobody.tls.test", "--upstream", "127.0.0.1:1", "--version", "1");

        Assert.Equal(AdminCli.Refused, exit);
        Assert.Contains("Declare it first", stderr);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await AdminCli.RunAsync(["--socket", fixture.AdminSocketPath, .. args], _ => null, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
