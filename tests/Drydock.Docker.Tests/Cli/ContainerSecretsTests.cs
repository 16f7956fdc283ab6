namespace Drydock.Docker.Tests;

/// <summary>Secrets reach a container by name, their values through the docker CLI's own environment: no file, no command line.</summary>
public sealed class ContainerSecretsTests
{
    private static readonly ContainerSecrets Secrets = new(new Dictionary<string, string> { ["B_KEY"] = "two", ["A_KEY"] = "hunter2\nline" });

    [Fact]
    public void Names_go_on_the_command_line_and_values_into_the_process_environment_only()
    {
        var settings = new DockerCreateSettings(new DockerRunSettings("app@sha256:1") { Name = "app", Secrets = Secrets, EnvFiles = [] });

        var command = new DockerCli(new FakeToolRunner()) { Environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://127.0.0.1:2375" } }.Command(settings);

        Assert.Equal(["create", "--name", "app", "--env", "A_KEY", "--env", "B_KEY", "app@sha256:1"], command.Arguments);
        Assert.Equal("hunter2\nline", command.Environment["A_KEY"]);
        Assert.Equal("two", command.Environment["B_KEY"]);
        Assert.Equal("tcp://127.0.0.1:2375", command.Environment["DOCKER_HOST"]);
        Assert.DoesNotContain(command.Arguments, a => a.Contains("hunter2", StringComparison.Ordinal) || a == "--env-file");
        Assert.DoesNotContain("hunter2", settings.ToString());
        Assert.Contains("A_KEY, B_KEY (values hidden)", Secrets.ToString());
    }

    [Fact]
    public void Without_secrets_the_command_has_no_environment_of_its_own()
    {
        var command = new DockerCli(new FakeToolRunner()).Command(new DockerRunSettings("app:1"));
        Assert.Empty(command.Environment);
    }
}
