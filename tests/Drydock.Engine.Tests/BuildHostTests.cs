namespace Drydock.Engine.Tests;

/// <summary>The whole engine from a command line to an exit code. One collection: BuildHost sets the static Log.</summary>
[Collection(nameof(BuildHostTests))]
public sealed class BuildHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-host-").FullName;

    public BuildHostTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var code = BuildHost.Run<HostBuild>([.. args, "--root", _root], b => b.Test, output);
        return (code, output.ToString());
    }

    [Fact]
    public void Help_writes_the_parameters_schema_from_the_parameter_members_and_targets()
    {
        var (code, _) = Run("--help");
        Assert.Equal(BuildHost.Success, code);
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, ".nuke", "build.schema.json")));
        var properties = schema.RootElement.GetProperty("definitions").GetProperty("build").GetProperty("properties");
        Assert.Equal("array", properties.GetProperty("SampleFail").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("SampleRegistry").GetProperty("type").GetString());
        Assert.Equal("Must be set for Ship", properties.GetProperty("SampleRegistry").GetProperty("description").GetString());
        Assert.Equal(["Compile", "Test", "Ship"], properties.GetProperty("Target").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Take(3));
    }

    [Fact]
    public void The_default_target_runs_with_its_dependencies_and_a_summary()
    {
        var (code, output) = Run();
        Assert.Equal(BuildHost.Success, code);
        Assert.Matches(@"Compile\s+Succeeded", output);
        Assert.Matches(@"Test\s+Succeeded", output);
        Assert.Contains("Build succeeded", output);
        Assert.DoesNotContain("Ship", output);
    }

    [Fact]
    public void A_failure_gives_a_non_zero_exit_dependents_not_run_and_clean_up_still_runs()
    {
        var (code, output) = Run("Ship", "Cleanup", "--sample-registry", "r", "--sample-fail", "Test");
        Assert.Equal(BuildHost.Failure, code);
        Assert.Matches(@"Test\s+Failed \(Test broke", output);
        Assert.Matches(@"Ship\s+NotRun", output);
        Assert.Matches(@"Cleanup\s+Succeeded", output);
        Assert.Contains("Build failed", output);
    }

    [Fact]
    public void Secrets_are_masked_in_log_lines_errors_and_the_summary()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), """{ "SampleToken": "tok-123456" }""");
        var (_, output) = Run("Test", "--sample-fail", "Test");
        Assert.DoesNotContain("tok-123456", output);
        Assert.Contains("token *****", output);
    }

    [Fact]
    public void A_secret_in_a_parameters_file_git_tracks_is_warned_about_naming_the_file_and_the_fix()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), """{ "SampleToken": "tok-123456" }""");
        Git("init", "--quiet");
        Assert.DoesNotContain("git tracks", Run("Test").Output);

        Git("add", ".nuke/parameters.json");
        var (code, output) = Run("Test");
        Assert.Equal(BuildHost.Success, code);
        Assert.Contains("--sample-token is set in .nuke/parameters.json, which git tracks", output);
        Assert.Contains("Remove it from the file, rotate it", output);
        Assert.Contains("set DRYDOCK_SAMPLE_TOKEN in the runner's environment", output);
        Assert.DoesNotContain("tok-123456", output);
    }

    private void Git(params string[] arguments)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
    }

    [Fact]
    public void Missing_requirements_fail_before_anything_runs()
    {
        var (code, output) = Run("Ship");
        Assert.Equal(BuildHost.InvalidInvocation, code);
        Assert.Contains("Ship requires parameter --sample-registry", output);
        Assert.DoesNotContain("running Compile", output);
    }

    [Fact]
    public void An_unknown_target_or_parameter_fails_before_anything_runs_naming_the_closest()
    {
        var (code, output) = Run("Tets");
        Assert.Equal(BuildHost.InvalidInvocation, code);
        Assert.Contains("Unknown target 'Tets'. Did you mean 'Test'?", output);
        Assert.DoesNotContain("running", output);
        Assert.Contains("Did you mean '--sample-registry'?", Run("Test", "--sample-registy", "x").Output);
        Assert.Contains("Unknown --skip target 'Compil'. Did you mean 'Compile'?", Run("Test", "--skip", "Compil").Output);
    }

    [Fact]
    public void Help_lists_targets_with_dependencies_default_and_parameters_without_secrets()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), """{ "SampleToken": "tok-123456" }""");
        var (code, output) = Run("--help");
        Assert.Equal(BuildHost.Success, code);
        Assert.Matches(@"Test \(default\)\s+Tests\s+→ Compile", output);
        Assert.Matches(@"Ship\s+Ships\s+→ Test", output);
        Assert.DoesNotContain("Hidden", output);
        Assert.Contains("--sample-registry <text>", output);
        Assert.Contains("[env DRYDOCK_SAMPLE_REGISTRY]", output);
        Assert.Contains("(secret)", output);
        Assert.DoesNotContain("tok-123456", output);
        // The build's own parameters come before the engine's options.
        Assert.True(output.IndexOf("--sample-fail", StringComparison.Ordinal) < output.IndexOf("--verbosity", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_writes_a_drawing_and_runs_nothing()
    {
        var (code, output) = Run("Ship", "--plan");
        Assert.Equal(BuildHost.Success, code);
        var path = Path.Combine(_root, ".nuke", "temp", "plan.html");
        Assert.Contains(path, output);
        Assert.Contains("<svg", File.ReadAllText(path));
        Assert.DoesNotContain("running", output);
    }

    [Fact]
    public void A_profile_overrides_parameters_json_and_the_last_profile_given_wins()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.json"), """{ "SampleRegistry": "from-json" }""");
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.staging.json"), """{ "SampleRegistry": "from-staging" }""");
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.eu.json"), """{ "SampleRegistry": "from-eu" }""");

        Assert.Contains("--sample-registry = from-json (from parameters.json)", Run("Test", "--verbosity", "verbose").Output);
        Assert.Contains("--sample-registry = from-staging (from parameters.staging.json)", Run("Test", "--profile", "staging", "--verbosity", "verbose").Output);
        Assert.Contains("--sample-registry = from-eu (from parameters.eu.json)", Run("Test", "--profile", "staging", "eu", "--verbosity", "verbose").Output);
    }

    [Fact]
    public void A_missing_profile_names_the_file_and_the_known_profiles()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "parameters.staging.json"), "{}");
        var (code, output) = Run("Test", "--profile", "stagin");
        Assert.Equal(BuildHost.InvalidInvocation, code);
        Assert.Contains("parameters.stagin.json does not exist", output);
        Assert.Contains("Did you mean 'staging'?", output);
    }
}
