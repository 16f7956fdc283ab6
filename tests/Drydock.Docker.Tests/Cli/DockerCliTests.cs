using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Docker.Tests;

public sealed class DockerCliTests
{
    [Fact]
    public async Task Build_returns_the_id_docker_wrote_to_the_iidfile_and_removes_the_temp_file()
    {
        string? idFile = null;
        var runner = new FakeToolRunner().On(c => c.Arguments[0] == "build", command =>
        {
            idFile = command.Arguments[command.Arguments.ToList().IndexOf("--iidfile") + 1];
            File.WriteAllText(idFile, "sha256:feed\n");
            return FakeToolRunner.Result(0, "Successfully built feed", "DEPRECATED: The legacy builder is deprecated");
        });

        var id = await new DockerCli(runner).BuildAsync(new DockerBuildSettings("ctx") { Tags = ["app:1"] });

        Assert.Equal("sha256:feed", id);
        Assert.False(File.Exists(idFile));
        Assert.Equal("docker", runner.Commands.Single().FileName);
        Assert.Equal("ctx", runner.Commands.Single().Arguments[^1]);
    }

    [Fact]
    public async Task Push_returns_the_digest_from_the_output()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var runner = new FakeToolRunner().On(["push"], stdout: $"The push refers to repository [r/app]\n1: digest: {digest} size: 528");

        var pushed = await new DockerCli(runner).PushAsync("r/app:1");

        Assert.Equal(new PushedImage("r/app:1", digest), pushed);
    }

    [Fact]
    public async Task Login_sends_the_password_on_stdin_only_and_registers_it_for_masking()
    {
        var runner = new FakeToolRunner();
        var masker = new SecretMasker();
        var docker = new DockerCli(runner) { Masker = masker, ConfigDirectory = "/tmp/cfg" };

        await docker.LoginAsync(new DockerLoginSettings("127.0.0.1:5000", "robot", "p4ssw0rd-xyz"));

        var command = runner.Commands.Single();
        Assert.Equal(["--config", "/tmp/cfg", "login", "--username", "robot", "--password-stdin", "127.0.0.1:5000"], command.Arguments);
        Assert.Equal("p4ssw0rd-xyz", command.StandardInput);
        Assert.DoesNotContain(command.Arguments, a => a.Contains("p4ssw0rd-xyz"));
        Assert.DoesNotContain("p4ssw0rd-xyz", command.ToString());
        Assert.True(masker.Contains("p4ssw0rd-xyz"));
    }

    [Fact]
    public async Task The_real_runner_refuses_a_registered_secret_on_the_command_line()
    {
        var masker = new SecretMasker();
        masker.Add("p4ssw0rd-xyz");
        var docker = new DockerCli(new ProcessToolRunner(new RecordingBuildLog(), masker));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            docker.ExecuteAsync(new DockerRunSettings("app") { Environment = new Dictionary<string, string> { ["PW"] = "p4ssw0rd-xyz" } }));
    }

    [Fact]
    public async Task Inspect_of_a_missing_image_or_container_is_null_but_other_failures_throw()
    {
        var runner = new FakeToolRunner()
            .On(["image", "inspect", "gone:1"], 1, "[]", "Error response from daemon: no such image: gone:1: No such image: gone:1")
            .On(["container", "inspect", "gone"], 1, "[]", "Error: No such container: gone")
            .On(["image", "inspect", "broken:1"], 1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");
        var docker = new DockerCli(runner);

        Assert.Null(await docker.InspectImageAsync("gone:1"));
        Assert.False(await docker.ImageExistsAsync("gone:1"));
        Assert.Null(await docker.InspectContainerAsync("gone"));
        await Assert.ThrowsAsync<ToolFailedException>(() => docker.InspectImageAsync("broken:1"));
        Assert.All(runner.Commands, c => Assert.False(c.EchoOutput));
    }

    [Fact]
    public async Task Json_queries_are_parsed_and_not_echoed()
    {
        var runner = new FakeToolRunner()
            .On(["ps"], stdout: string.Join('\n', Captured.Lines("ps.jsonl")))
            .On(["volume", "ls"], stdout: Captured.Text("volume-ls.jsonl"))
            .On(["container", "inspect"], stdout: Captured.Text("container-inspect.json"))
            .On(["diff"], stdout: Captured.Text("diff.txt"));
        var docker = new DockerCli(runner);

        Assert.Single(await docker.PsAsync(new DockerPsSettings { LabelFilters = ["dev.drydock.app=notes"] }));
        Assert.Single(await docker.ListVolumesAsync(new DockerVolumeLsSettings()));
        Assert.Equal("unhealthy", (await docker.InspectContainerAsync("drydock-capture-web"))!.HealthStatus);
        Assert.Equal(6, (await docker.DiffAsync("drydock-capture-web")).Count);
        Assert.All(runner.Commands, c => Assert.False(c.EchoOutput));
    }

    [Fact]
    public async Task Version_without_an_engine_reports_the_client_only()
    {
        var runner = new FakeToolRunner().On(["version"], 1, Captured.Text("version-no-engine.json"), "Cannot connect to the Docker daemon");

        var version = await new DockerCli(runner).VersionAsync();

        Assert.False(version.EngineAnswers);
        Assert.False(runner.Commands.Single().ThrowOnError);
    }

    [Fact]
    public async Task Run_detached_returns_the_container_id_and_import_the_image_id()
    {
        var runner = new FakeToolRunner()
            .On(["run"], stdout: "0a37a790fba0457fbd984fe850cc944a132eb0a48c738c8028658f5564843695")
            .On(["import"], stdout: "sha256:338febd142f5");
        var docker = new DockerCli(runner);

        Assert.Equal("0a37a790fba0457fbd984fe850cc944a132eb0a48c738c8028658f5564843695", await docker.RunDetachedAsync(new DockerRunSettings("app") { Detach = false }));
        Assert.Contains("--detach", runner.Commands[0].Arguments);
        Assert.Equal("sha256:338febd142f5", await docker.ImportAsync(new DockerImportSettings("/t.tar")));
    }

    [Fact]
    public async Task Try_pull_reports_failure_without_throwing_or_retrying()
    {
        var runner = new FakeToolRunner().On(["pull"], 1, "", "dial tcp: lookup mcr.microsoft.com: no such host");

        Assert.False(await new DockerCli(runner).TryPullAsync("mcr.microsoft.com/dotnet/runtime-deps:10.0"));
        Assert.Single(runner.Commands);
    }

    [Fact]
    public void Detached_processes_start_through_sh_with_the_command_as_arguments_not_interpolated()
    {
        var command = DetachedProcess.StartCommand("/w/registry.log", "/usr/bin/docker-registry", ["serve", "/w/my config.yml"]);

        Assert.Equal("sh", command.FileName);
        Assert.Equal("-c", command.Arguments[0]);
        Assert.Equal(["drydock-detach", "/w/registry.log", "/usr/bin/docker-registry", "serve", "/w/my config.yml"], command.Arguments.Skip(2));
        Assert.Contains("</dev/null", command.Arguments[1]);
        Assert.DoesNotContain("/w/", command.Arguments[1]);
    }
}
