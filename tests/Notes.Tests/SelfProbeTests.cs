using System.Net;
using System.Net.Sockets;
using Notes.Hosting;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

public sealed class SelfProbeTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/health/ready")]
    [InlineData("9000", null, "http://127.0.0.1:9000/health/ready")]
    [InlineData("9000;9001", null, "http://127.0.0.1:9000/health/ready")]
    [InlineData(" 9002 , 9003", "/health/live", "http://127.0.0.1:9002/health/live")]
    [InlineData(null, "health/live", "http://127.0.0.1:8080/health/live")]
    public void The_default_target_is_this_container_s_own_readiness_endpoint(string? ports, string? path, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = ports, ["HEALTHCHECK_PATH"] = path };

        var target = SelfProbe.Target(["--healthcheck"], name => environment.GetValueOrDefault(name));

        Assert.Equal(new Uri(expected), target);
    }

    [Fact]
    public void An_explicit_url_wins()
    {
        var target = SelfProbe.Target(["--healthcheck", "http://127.0.0.1:1234/x"], _ => "ignored");

        Assert.Equal(new Uri("http://127.0.0.1:1234/x"), target);
    }

    [Fact]
    public async Task Probe_exits_0_for_a_ready_service_and_1_once_it_is_not()
    {
        await using var app = new NotesAppFactory(_data.Path);
        var ready = new Uri(app.StartKestrel(), "/health/ready").ToString();
        var output = new StringWriter();

        Assert.Equal(0, await SelfProbe.RunAsync(["--healthcheck", ready], _ => null, output));

        Directory.Delete(_data.Path, recursive: true);
        Assert.Equal(1, await SelfProbe.RunAsync(["--healthcheck", ready], _ => null, output));
        Assert.Contains("503", output.ToString());
    }

    // The real executable, as the image's HEALTHCHECK runs it: no web host starts, and it answers quickly.
    [Fact]
    public async Task The_executable_exits_1_quickly_when_nothing_listens()
    {
        var closedPort = ClosedPort();

        var probe = await NotesProcess.RunAsync(
            ["--healthcheck"],
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = closedPort.ToString(), ["DATA_DIR"] = _data.Path });

        Assert.Equal(1, probe.ExitCode);
        Assert.Contains($"127.0.0.1:{closedPort}", probe.StandardOutput);
        Assert.DoesNotContain("Now listening", probe.StandardOutput);
        Assert.False(File.Exists(_data.DatabasePath), "the probe must not open the database");
        Assert.True(probe.Elapsed < TimeSpan.FromSeconds(10), $"took {probe.Elapsed}");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
