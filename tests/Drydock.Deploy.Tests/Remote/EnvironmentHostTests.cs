namespace Drydock.Deploy.Tests;

/// <summary>Where an environment runs is read from its file, and is not part of the release's configuration.</summary>
public sealed class EnvironmentHostTests
{
    private const string File = """
        { "hostPort": 8081, "host": "ssh://deploy@server:2222", "knownHosts": ".nuke/known_hosts" }
        """;

    [Fact]
    public void Host_and_known_hosts_are_read_and_the_configuration_ignores_them()
    {
        var host = EnvironmentHost.Parse(File);
        var config = EnvironmentConfigFile.Parse(File);

        Assert.Equal(new EnvironmentHost("ssh://deploy@server:2222", ".nuke/known_hosts"), host);
        Assert.Equal(8081, config.HostPort);
        Assert.DoesNotContain("server", EnvironmentConfigFile.Serialize(config));
    }

    [Fact]
    public void The_registry_is_where_the_environment_runs_from_not_part_of_the_release()
    {
        const string cluster = """{ "platform": "swarm", "registry": " registry.internal:5443 " }""";

        Assert.Equal("registry.internal:5443", EnvironmentHost.Parse(cluster).Registry);
        Assert.DoesNotContain("registry.internal", EnvironmentConfigFile.Serialize(EnvironmentConfigFile.Parse(cluster)));
        var e = Assert.Throws<DeployException>(() => EnvironmentHost.Parse("""{ "registry": ["a", "b"] }""", "cluster.json"));
        Assert.Contains("\"registry\": \"registry.example.com:5000\"", e.Message);
    }

    [Fact]
    public void No_host_means_the_local_engine()
    {
        Assert.Equal(new EnvironmentHost(null, null), EnvironmentHost.Parse("""{ "hostPort": 8081, "host": " " }"""));
    }

    [Fact]
    public void A_host_that_is_not_text_is_refused_with_an_example()
    {
        var e = Assert.Throws<DeployException>(() => EnvironmentHost.Parse("""{ "host": 22 }""", "prod.json"));
        Assert.Contains("ssh://deploy@server:22", e.Message);
    }

    [Fact]
    public void Unknown_properties_are_still_refused()
    {
        Assert.Throws<DeployException>(() => EnvironmentConfigFile.Parse("""{ "hots": "ssh://x@y" }"""));
    }
}
