using Drydock.Engine.Arguments;
using Drydock.Engine.Parameters;

namespace Drydock.Engine.Tests;

public sealed class ParameterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drydock-params-").FullName;
    private readonly IReadOnlyList<ParameterMember> _members = ParameterMember.Discover(typeof(ParameterBuild));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ParameterBuild Resolve(string[] args, Dictionary<string, string>? environment = null, params (string Name, string Json)[] files)
    {
        var build = new ParameterBuild();
        var parsed = CommandLineParser.Parse(args, _members);
        var loaded = files.Select(f =>
        {
            var path = Path.Combine(_dir, f.Name);
            File.WriteAllText(path, f.Json);
            return ParameterFile.Load(path);
        }).ToList();
        ParameterResolver.Resolve(build, _members, new ParameterSources(parsed.Parameters, n => environment?.GetValueOrDefault(n), loaded));
        return build;
    }

    [Fact]
    public void Names_are_derived_in_three_spellings()
    {
        var member = _members.Single(m => m.MemberName == "RegistryUrl");
        Assert.Equal("--registry-url", member.CommandLineName);
        Assert.Equal("DRYDOCK_REGISTRY_URL", member.EnvironmentName);
        Assert.Equal("--deploy-timeout", _members.Single(m => m.MemberName == "DeployTimeout").CommandLineName);
    }

    [Fact]
    public void Command_line_beats_environment_beats_parameters_json_beats_profile()
    {
        var env = new Dictionary<string, string> { ["DRYDOCK_REGISTRY_URL"] = "from-env", ["DRYDOCK_RETRIES"] = "7" };
        var defaults = ("parameters.json", """{ "RegistryUrl": "from-json", "Retries": 9, "channel": "beta" }""");
        var profile = ("parameters.ci.json", """{ "registry-url": "from-profile", "Retries": 11, "Channel": "edge", "Flavour": "Spicy" }""");

        var build = Resolve(["--registry-url", "from-cli"], env, defaults, profile);
        Assert.Equal("from-cli", build.RegistryUrl);
        Assert.Equal(7, build.Retries);
        Assert.Equal("beta", build.Channel);
        Assert.Equal(Flavour.Spicy, build.Flavour);

        Assert.Equal("from-env", Resolve([], env, defaults, profile).RegistryUrl);
        Assert.Equal("from-json", Resolve([], null, defaults, profile).RegistryUrl);
        Assert.Equal("from-profile", Resolve([], null, profile).RegistryUrl);
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_not_given_so_the_files_still_decide()
    {
        var defaults = ("parameters.json", """{ "RegistryUrl": "from-json" }""");
        Assert.Equal("from-json", Resolve([], new() { ["DRYDOCK_REGISTRY_URL"] = "" }, defaults).RegistryUrl);
        Assert.Equal("from-json", Resolve([], new() { ["DRYDOCK_REGISTRY_URL"] = "  " }, defaults).RegistryUrl);
        Assert.Equal("from-json", Resolve([], new() { ["DRYDOCK_REGISTRY_URL"] = "", ["REGISTRY_URL"] = "" }, defaults).RegistryUrl);
        Assert.Equal(3, Resolve([], new() { ["DRYDOCK_RETRIES"] = "" }).Retries);
        Assert.Equal("from-env", Resolve([], new() { ["DRYDOCK_REGISTRY_URL"] = "from-env" }, defaults).RegistryUrl);
    }

    [Fact]
    public void An_unprefixed_variable_still_works_with_a_warning_and_the_prefixed_one_wins_when_both_are_set()
    {
        Assert.Equal("old", Resolve([], new() { ["REGISTRY_URL"] = "old" }).RegistryUrl);
        Assert.Equal("new", Resolve([], new() { ["REGISTRY_URL"] = "old", ["DRYDOCK_REGISTRY_URL"] = "new" }).RegistryUrl);

        string? Only(Dictionary<string, string> environment) =>
            Assert.Single(ParameterResolver.DeprecationWarnings(_members, n => environment.GetValueOrDefault(n)));
        Assert.Contains("REGISTRY_URL is deprecated: rename it DRYDOCK_REGISTRY_URL", Only(new() { ["REGISTRY_URL"] = "old" }));
        Assert.Contains("REGISTRY_URL is ignored: DRYDOCK_REGISTRY_URL is set too", Only(new() { ["REGISTRY_URL"] = "old", ["DRYDOCK_REGISTRY_URL"] = "new" }));
        Assert.Empty(ParameterResolver.DeprecationWarnings(_members, n => n == "DRYDOCK_REGISTRY_URL" ? "new" : n == "RETRIES" ? "" : null));
    }

    [Fact]
    public void Env_platform_and_configuration_are_read_only_with_the_prefix_because_shells_and_ide_prompts_set_them()
    {
        Assert.Empty(Resolve([], new() { ["ENV"] = "/home/me/.shrc" }).Env);
        Assert.Equal(["A=1"], Resolve([], new() { ["DRYDOCK_ENV"] = "A=1" }).Env);
        Assert.Empty(ParameterResolver.DeprecationWarnings(_members, n => n == "ENV" ? "/home/me/.shrc" : null));
        Assert.Equal([null, null, null], new[] { "Env", "Platform", "Configuration" }.Select(ParameterNames.ToDeprecatedEnvironment));
        Assert.Equal("HOST", ParameterNames.ToDeprecatedEnvironment("Host"));
    }

    [Fact]
    public void Defaults_stay_when_no_source_has_a_value()
    {
        var build = Resolve([]);
        Assert.Equal(3, build.Retries);
        Assert.Equal(TimeSpan.FromMinutes(2), build.DeployTimeout);
        Assert.False(build.AllowDirty);
        Assert.Equal("stable", build.Channel);
    }

    [Fact]
    public void Every_supported_type_converts()
    {
        var build = Resolve(["--retries", "5", "--allow-dirty", "--flavour", "spicy", "--deploy-timeout", "1m30s", "--env", "A=1", "B=2"]);
        Assert.Equal(5, build.Retries);
        Assert.True(build.AllowDirty);
        Assert.Equal(Flavour.Spicy, build.Flavour);
        Assert.Equal(TimeSpan.FromSeconds(90), build.DeployTimeout);
        Assert.Equal(["A=1", "B=2"], build.Env);
        Assert.Equal(TimeSpan.FromSeconds(45), Resolve(["--deploy-timeout", "00:00:45"]).DeployTimeout);
        Assert.Equal(["x", "y"], Resolve([], new() { ["DRYDOCK_ENV"] = "x,y" }).Env);
        Assert.Equal(["j"], Resolve([], null, ("parameters.json", """{ "Env": ["j"] }""")).Env);
        Assert.False(Resolve(["--allow-dirty", "false"]).AllowDirty);
    }

    [Theory]
    [InlineData("--retries", "many", "--retries (from the command line) expects a whole number, but got 'many'")]
    [InlineData("--flavour", "sour", "--flavour (from the command line) expects one of Plain, Spicy, but got 'sour'")]
    [InlineData("--deploy-timeout", "soon", "--deploy-timeout (from the command line) expects a duration")]
    public void A_wrong_type_names_the_parameter_and_the_expected_type(string option, string value, string expected)
    {
        var error = Assert.Throws<ParameterException>(() => Resolve([option, value]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_wrong_type_from_the_environment_or_a_file_names_its_source()
    {
        Assert.Contains("environment variable DRYDOCK_RETRIES", Assert.Throws<ParameterException>(() => Resolve([], new() { ["DRYDOCK_RETRIES"] = "x" })).Message);
        Assert.Contains("parameters.json", Assert.Throws<ParameterException>(() => Resolve([], null, ("parameters.json", """{ "Retries": "lots" }"""))).Message);
    }

    [Fact]
    public void Unknown_options_and_file_keys_fail_naming_the_closest_parameter()
    {
        var cli = Assert.Throws<ParameterException>(() => Resolve(["--registry-ulr", "x"]));
        Assert.Contains("Did you mean '--registry-url'?", cli.Message);
        var file = Assert.Throws<ParameterException>(() => Resolve([], null, ("parameters.json", """{ "Retires": 1 }""")));
        Assert.Contains("Did you mean 'Retries'?", file.Message);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_path()
    {
        var error = Assert.Throws<ParameterException>(() => Resolve([], null, ("parameters.json", "{ nope")));
        Assert.Contains("parameters.json is not valid JSON", error.Message);
    }

    [Fact]
    public void The_command_line_separates_targets_skip_and_engine_options()
    {
        var parsed = CommandLineParser.Parse(["Test", "PushImage", "--target", "Deploy", "--skip", "--verbosity", "minimal", "--profile", "ci", "--plan"], _members);
        Assert.Equal(["Test", "PushImage", "Deploy"], parsed.Targets);
        Assert.Empty(parsed.Skip!);
        Assert.Equal(Output.Verbosity.Minimal, parsed.Verbosity);
        Assert.Equal(["ci"], parsed.Profiles);
        Assert.True(parsed.Plan);
        Assert.Null(CommandLineParser.Parse(["Test"], _members).Skip);
        Assert.Equal(["Compile"], CommandLineParser.Parse(["Test", "--skip", "Compile"], _members).Skip);
    }

    [Fact]
    public void Declared_parameters_are_found_spelled_and_resolved_like_fields()
    {
        var members = ParameterMember.Discover(typeof(DeclaredBuild));
        Assert.Equal(["Plain", "HostPort", "Hosts", "DeployToken"], members.Select(m => m.MemberName));
        var port = members.Single(m => m.MemberName == "HostPort");
        Assert.Equal(("--host-port", "DRYDOCK_HOST_PORT", "Declared number"), (port.CommandLineName, port.EnvironmentName, port.Description));
        Assert.True(members.Single(m => m.MemberName == "DeployToken").IsSecret);

        var build = new DeclaredBuild();
        var parsed = CommandLineParser.Parse(["--host-port", "9090", "--plain", "p"], members);
        ParameterResolver.Resolve(build, members, new ParameterSources(parsed.Parameters, n => n == "DRYDOCK_HOSTS" ? "a.example.org,b.example.org" : null, []));
        Assert.Equal(9090, build.DeclaredValues["HostPort"]);
        Assert.Equal(["a.example.org", "b.example.org"], (string[])build.DeclaredValues["Hosts"]!);
        Assert.Null(build.DeclaredValues["DeployToken"]);
        Assert.Equal("p", build.Plain);
    }

    [Fact]
    public void A_declared_parameter_with_a_bad_value_is_refused_naming_it()
    {
        var members = ParameterMember.Discover(typeof(DeclaredBuild));
        var parsed = CommandLineParser.Parse(["--host-port", "many"], members);
        var error = Assert.Throws<ParameterException>(() => ParameterResolver.Resolve(new DeclaredBuild(), members, new ParameterSources(parsed.Parameters, _ => null, [])));
        Assert.Contains("--host-port", error.Message);
        Assert.Contains("'many'", error.Message);
    }
}
