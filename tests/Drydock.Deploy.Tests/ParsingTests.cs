namespace Drydock.Deploy.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void Inspect_of_a_hardened_running_container_is_read_in_full()
    {
        var state = Assert.Single(DockerOutput.ParseContainerInspect(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", "inspect-running.json"))));

        Assert.Equal("ddx-cap", state.Name);
        Assert.StartsWith("sha256:", state.ImageId);
        Assert.Equal("ddx-notes:cap", state.ConfiguredImage);
        Assert.True(state.Running);
        Assert.Equal("running", state.Status);
        Assert.Equal("healthy", state.HealthStatus);
        Assert.Contains("healthy: 200", state.LastHealthOutput);
        Assert.False(state.NeverStarted);
        Assert.Equal(2026, state.StartedAt.Year);
        Assert.Equal("release", state.Labels["dev.drydock.role"]);
        Assert.Contains("GREETING=hi", state.Env);
        Assert.Equal("1654", state.User);
        Assert.Equal(512L << 20, state.MemoryBytes);
        Assert.Equal(1_000_000_000L, state.NanoCpus);
        Assert.Equal(256L, state.PidsLimit);
        Assert.Equal("unless-stopped", state.RestartPolicy);
        Assert.True(state.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], state.CapDrop);
        Assert.Equal(["no-new-privileges"], state.SecurityOpt);
        Assert.Equal([new PublishedPort("8080/tcp", "127.0.0.1", 0)], state.PortBindings);
        Assert.Equal([new PublishedPort("8080/tcp", "127.0.0.1", 32777)], state.ActivePorts);
        Assert.Equal(["/tmp"], state.TmpfsMounts);
        var mount = Assert.Single(state.Mounts);
        Assert.Equal(("volume", "ddx-cap-data", "/data", true), (mount.Type, mount.Name, mount.Destination, mount.ReadWrite));
    }

    [Fact]
    public void A_created_container_never_started() =>
        Assert.True(Assert.Single(DockerOutput.ParseContainerInspect("""[{"Id":"x","Name":"/c","State":{"Status":"created","StartedAt":"0001-01-01T00:00:00Z"}}]""")).NeverStarted);

    [Fact]
    public void Nothing_to_parse_is_no_container() => Assert.Empty(DockerOutput.ParseContainerInspect(""));

    [Theory]
    [InlineData("127.0.0.1:49153", 49153)]
    [InlineData("0.0.0.0:8080\n[::]:8080", 8080)]
    [InlineData("[::1]:5000", 5000)]
    public void Docker_port_output_gives_the_host_port(string output, int port) =>
        Assert.Equal(port, DockerOutput.ParseHostPort(output.Split('\n')));

    [Fact]
    public void No_binding_no_port() => Assert.Null(DockerOutput.ParseHostPort([]));

    [Theory]
    [InlineData("0.0.0.0", "http://127.0.0.1:9000/health/ready")]
    [InlineData("127.0.0.1", "http://127.0.0.1:9000/health/ready")]
    [InlineData("10.1.2.3", "http://10.1.2.3:9000/health/ready")]
    public void The_probe_goes_to_the_published_port_never_a_container_ip(string bind, string expected) =>
        Assert.Equal(new Uri(expected), ProbeAddress.For(new EnvironmentConfig(), 9000, bind));

    [Fact]
    public void Without_a_health_path_there_is_no_http_probe() =>
        Assert.Null(ProbeAddress.For(new EnvironmentConfig { HealthPath = null }, 9000, "127.0.0.1"));
}
