namespace Drydock.Docker.Tests;

public sealed class DockerHostTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("local")]
    public void No_host_is_the_local_engine(string? value) =>
        Assert.Equal(DockerHost.LocalEngine, DockerHost.Parse(value));

    [Theory]
    [InlineData("ssh://deploy@server:22", "deploy", "server", 22)]
    [InlineData("ssh://deploy@server", "deploy", "server", 22)]
    [InlineData("ssh://server:2222", null, "server", 2222)]
    [InlineData("SSH://root@127.0.0.1:18600", "root", "127.0.0.1", 18600)]
    [InlineData("ssh://deploy@[::1]:2200", "deploy", "::1", 2200)]
    [InlineData("ssh://deploy@server/", "deploy", "server", 22)]
    public void Ssh_hosts_parse_into_user_host_and_port(string value, string? user, string host, int port) =>
        Assert.Equal(new DockerHost.Ssh(new SshTarget(user, host, port)), DockerHost.Parse(value));

    [Theory]
    [InlineData("production")]
    [InlineData("my-context_2.eu")]
    public void A_plain_name_is_a_docker_context(string value) =>
        Assert.Equal(new DockerHost.Context(value), DockerHost.Parse(value));

    [Theory]
    [InlineData("ssh://deploy:hunter2@server", "contains a password")]
    [InlineData("ssh://deploy@server/srv", "no path")]
    [InlineData("ssh://deploy@server:99999", "not a valid ssh:// address")]
    [InlineData("ssh://-oProxyCommand=x", "not a valid ssh:// address")]
    [InlineData("ssh://-evil", "names no server")]
    [InlineData("ssh://-oProxyCommand@server", "is not a user name")]
    [InlineData("tcp://10.0.0.5:2376", "docker context create NAME --docker host=tcp://10.0.0.5:2376")]
    [InlineData("unix:///var/run/docker.sock", "set DOCKER_HOST")]
    [InlineData("deploy@server", "ssh://deploy@server")]
    [InlineData("server:22", "ssh://server:22")]
    [InlineData("-bad", "context name")]
    public void Anything_else_is_refused_naming_the_accepted_forms(string value, string fix)
    {
        var error = Assert.Throws<DockerHostFormatException>(() => DockerHost.Parse(value));

        Assert.Contains(fix, error.Message);
        Assert.Contains("Accepted: ssh://user@host[:port], a Docker context name", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Targets_render_as_urls_and_known_hosts_names()
    {
        Assert.Equal("ssh://deploy@server:22", new SshTarget("deploy", "server").ToString());
        Assert.Equal("server", new SshTarget("deploy", "server").KnownHostsName);
        Assert.Equal("[127.0.0.1]:18600", new SshTarget("root", "127.0.0.1", 18600).KnownHostsName);
        Assert.Equal("ssh://[::1]:2200", new SshTarget(null, "::1", 2200).ToString());
        Assert.Equal("server", new SshTarget(null, "server").Destination);
        Assert.Equal("deploy@server", new SshTarget("deploy", "server").Destination);
    }
}
