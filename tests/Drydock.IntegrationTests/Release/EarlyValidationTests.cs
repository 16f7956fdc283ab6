using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.IntegrationTests.Release;

/// <summary>
/// Bad deploy inputs stop the run before its first target, end to end: the real <c>./build.sh Deploy</c> (Drydock's own
/// build, <c>--root</c> a git repository with a web project) given a bad environment file and bad
/// <c>--env</c>/<c>--secret-env</c> fails with exit code 2 listing every problem, and nothing ran: no restore or compile
/// output, no publish folder, no image, no container, nothing in the registry.
/// Names prefixed rel3; no port is bound.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class EarlyValidationTests(DockerFixture fixture, WebProjectRepository repository, ITestOutputHelper output) : IClassFixture<WebProjectRepository>
{
    [Fact]
    public async Task A_deploy_with_a_bad_environment_file_and_bad_parameters_fails_before_the_first_target_and_creates_nothing()
    {
        var name = "rel3-" + fixture.RunId[^8..];
        var environments = Directory.CreateDirectory(Path.Combine(repository.Root, ".nuke", "environments")).FullName;
        await File.WriteAllTextAsync(Path.Combine(environments, name + ".json"), """
            {
              "hostPrt": 21001,
              "strategy": "blue-green",
              "memory": 512,
              "healthCheck": { "intervall": "2s" }
            }
            """);

        var result = await BuildAsync("Deploy", "--root", repository.Root, "--project", repository.Project, "--environment", name, "--image-name", name,
            "--registry", fixture.Registry.Address, "--env", "FOO", "--secret-env", "REL3_UNSET_VAR");

        Assert.Equal(2, result.ExitCode);
        var text = result.Output + "\n" + result.Error;
        Assert.Contains("error: Nothing was run:", text);
        Assert.Equal(6, text.Split('\n').Count(line => line.StartsWith("  - ", StringComparison.Ordinal)));
        Assert.Contains("--env 'FOO' has no value: write it as NAME=value", text);
        Assert.Contains("--secret-env REL3_UNSET_VAR: REL3_UNSET_VAR is not set in this runner's environment", text);
        Assert.Contains("unknown key \"hostPrt\". Did you mean 'hostPort'?", text);
        Assert.Contains("\"strategy\" is the text \"blue-green\", which is not one of: edge, replace", text);
        Assert.Contains("\"memory\" must be a text in quotes, found the number 512", text);
        Assert.Contains("unknown key \"healthCheck.intervall\". Did you mean 'healthCheck.interval'?", text);

        // Nothing ran: no target's output, no build output in the repository, no image, container or registry repository.
        Assert.DoesNotContain("Compile", text);
        Assert.DoesNotContain("Restore", text);
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "artifacts")), "something was published");
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "src", "Hello", "obj")), "the project was restored or compiled");
        Assert.Empty(await DockerLinesAsync("ps", "-a", "--filter", $"name={name}", "--format", "{{.Names}}"));
        Assert.DoesNotContain(await DockerLinesAsync("images", "--format", "{{.Repository}}"), r => r.Contains(name, StringComparison.Ordinal));
        using var http = new HttpClient();
        using var tags = await http.GetAsync($"http://{fixture.Registry.Address}/v2/{name}/tags/list");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, tags.StatusCode);

        // The host-wide edge's keys are checked just as early: bad names and ports stop Deploy before Compile.
        await File.WriteAllTextAsync(Path.Combine(environments, name + ".json"), """{ "hostPort": 21001, "hosts": ["not a name!"], "httpsPort": 70000 }""");
        var https = await BuildAsync("Deploy", "--root", repository.Root, "--project", repository.Project, "--environment", name, "--image-name", name,
            "--registry", fixture.Registry.Address);
        Assert.Equal(2, https.ExitCode);
        var httpsText = https.Output + "\n" + https.Error;
        Assert.Contains("hosts: ", httpsText);
        Assert.Contains("httpsPort 70000 is not a port", httpsText);
        Assert.DoesNotContain("Compile", httpsText);
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "src", "Hello", "obj")), "the project was restored or compiled");

        // Status reads the same file: malformed JSON is one problem, with its line and position, and the engine is never asked.
        await File.WriteAllTextAsync(Path.Combine(environments, name + ".json"), "{\n  \"hostPort\": 21001\n  \"strategy\": \"replace\"\n}");
        var malformed = await BuildAsync("Status", "--root", repository.Root, "--project", repository.Project, "--environment", name, "--image-name", name);
        Assert.Equal(2, malformed.ExitCode);
        var problem = Assert.Single((malformed.Output + "\n" + malformed.Error).Split('\n'), line => line.StartsWith("  - ", StringComparison.Ordinal));
        Assert.Contains($"{name}.json: not valid JSON at line 3, position 3:", problem);
        Assert.DoesNotContain("Docker engine", malformed.Output);

        // Fixed, the file passes the same check: Status reads it and reaches the engine (nothing was ever deployed there).
        await File.WriteAllTextAsync(Path.Combine(environments, name + ".json"), """{ "hostPort": 21001, "strategy": "replace", "memory": "512m" }""");
        var status = await BuildAsync("Status", "--root", repository.Root, "--project", repository.Project, "--environment", name, "--image-name", name);
        Assert.DoesNotContain("Nothing was run", status.Output + status.Error);
        Assert.NotEqual(2, status.ExitCode);
    }

    private async Task<ToolResult> BuildAsync(params string[] arguments)
    {
        var runner = new ProcessToolRunner(new CapturingBuildLog(output), new SecretMasker());
        // The child is a build of its own: none of the outer run's parameters or CI markers leak into it.
        string[] parameters = ["PROJECT", "ENVIRONMENT", "HOST_PORT", "IMAGE_NAME", "HEALTH_PATH", "ALLOW_DIRTY", "REGISTRY"];
        string[] clean = [.. parameters, .. parameters.Select(p => "DRYDOCK_" + p), "GITHUB_ACTIONS", "REL3_UNSET_VAR"];
        return await runner.RunAsync(new ToolCommand(Path.Combine(RepositoryRoot.Path, "build.sh"), arguments)
        {
            WorkingDirectory = RepositoryRoot.Path,
            Environment = clean.ToDictionary(n => n, _ => (string?)null),
            ThrowOnError = false,
        });
    }

    private static async Task<IReadOnlyList<string>> DockerLinesAsync(params string[] arguments) =>
        (await new ProcessToolRunner(new CapturingBuildLog(), new SecretMasker()).RunAsync(new ToolCommand("docker", arguments) { EchoOutput = false }))
            .StandardOutput.Where(l => l.Length > 0).ToList();
}
