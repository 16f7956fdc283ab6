using Drydock.Engine.Output;

namespace Drydock.Docker.Tests;

public sealed class DockerCliHostTests
{
    [Fact]
    public async Task A_cli_aimed_at_a_tunnel_sets_DOCKER_HOST_and_drops_DOCKER_CONTEXT_without_changing_the_original()
    {
        var runner = new FakeToolRunner();
        var masker = new SecretMasker();
        var local = new DockerCli(runner) { ConfigDirectory = "/tmp/cfg", Masker = masker };

        var remote = local.WithDockerHost("unix:///tmp/drydock-ssh-x/docker.sock");
        await remote.PsAsync(new DockerPsSettings());
        await local.PsAsync(new DockerPsSettings());

        var (viaTunnel, direct) = (runner.Commands[0], runner.Commands[1]);
        Assert.Equal("unix:///tmp/drydock-ssh-x/docker.sock", viaTunnel.Environment["DOCKER_HOST"]);
        Assert.True(viaTunnel.Environment.ContainsKey("DOCKER_CONTEXT"));
        Assert.Null(viaTunnel.Environment["DOCKER_CONTEXT"]);
        Assert.Equal(["--config", "/tmp/cfg"], viaTunnel.Arguments.Take(2));
        Assert.Same(masker, remote.Masker);
        Assert.Empty(direct.Environment);
    }

    [Fact]
    public async Task A_cli_aimed_at_a_context_sets_DOCKER_CONTEXT_and_drops_DOCKER_HOST()
    {
        var runner = new FakeToolRunner();

        await new DockerCli(runner).WithDockerHost("unix:///tmp/x.sock").WithDockerContext("production").PsAsync(new DockerPsSettings());

        var environment = runner.Commands.Single().Environment;
        Assert.Equal("production", environment["DOCKER_CONTEXT"]);
        Assert.Null(environment["DOCKER_HOST"]);
    }
}
