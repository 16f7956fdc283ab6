namespace Drydock.Deploy.Tests;

/// <summary>
/// Every bad deploy input is found before the first target runs, all at once, each message naming
/// the parameter or the file and key, and the fix. The check is a pure function of the inputs, tested here as data.
/// </summary>
public sealed class DeployInputsTests
{
    private const string File = "/repo/.nuke/environments/rel3.json";

    private static IReadOnlyList<string> Problems(string? json, string[]? env = null, string[]? secretEnv = null, string[]? setVariables = null) =>
        new DeployInputs(File, json)
        {
            Env = env ?? [],
            SecretEnv = secretEnv ?? [],
            IsSet = setVariables is null ? null : setVariables.Contains,
        }.Problems();

    private static string Single(IReadOnlyList<string> problems) => Assert.Single(problems);

    [Fact]
    public void Good_inputs_have_no_problem()
    {
        Assert.Empty(Problems(null));
        Assert.Empty(Problems("""{ "hostPort": 9090, "strategy": "replace", "healthCheck": { "interval": "2s" }, "host": "ssh://d@h:22", "knownHosts": "k" }""",
            env: ["MODE=a=b", "EMPTY="], secretEnv: ["API_KEY"], setVariables: ["API_KEY"]));
    }

    [Fact]
    public void Every_key_the_configuration_writes_is_valid_so_new_properties_need_no_list()
    {
        var everything = new EnvironmentConfig { User = "1000", Smoke = "true", HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(1), Retries = 2 } };
        Assert.Empty(Problems(EnvironmentConfigFile.Serialize(everything)));
        Assert.Contains("knownHosts", EnvironmentFileSchema.TopLevelKeys);
        Assert.Contains("keepReleases", EnvironmentFileSchema.TopLevelKeys);
    }

    [Fact]
    public void An_env_parameter_without_a_value_names_env_and_the_name_value_form()
    {
        var problem = Single(Problems(null, env: ["FOO"]));
        Assert.Contains("--env 'FOO'", problem);
        Assert.Contains("NAME=value", problem);
        Assert.Contains("--env \"FOO=value\"", problem);
    }

    [Fact]
    public void An_env_parameter_with_a_bad_name_says_what_a_name_is()
    {
        var problem = Single(Problems(null, env: ["1BAD=x"]));
        Assert.Contains("--env '1BAD=x'", problem);
        Assert.Contains("not a variable name", problem);
    }

    [Fact]
    public void An_unset_secret_names_the_variable_and_how_to_set_it()
    {
        var problem = Single(Problems(null, secretEnv: ["UNSET_VAR"], setVariables: []));
        Assert.Contains("--secret-env UNSET_VAR", problem);
        Assert.Contains("export UNSET_VAR=", problem);
    }

    [Fact]
    public void An_unset_secret_of_the_file_names_the_file()
    {
        var problem = Single(Problems("""{ "secretEnv": ["DB_PASSWORD"] }""", setVariables: []));
        Assert.Contains(File, problem);
        Assert.Contains("secretEnv \"DB_PASSWORD\"", problem);
    }

    [Fact]
    public void Targets_that_start_no_release_do_not_need_the_secrets() =>
        Assert.Empty(Problems("""{ "secretEnv": ["DB_PASSWORD"] }""", secretEnv: ["API_KEY"], setVariables: null));

    [Fact]
    public void Malformed_json_names_the_file_line_and_position()
    {
        var problem = Single(Problems("{\n  \"hostPort\": 8080\n  \"bind\": \"0.0.0.0\"\n}"));
        Assert.StartsWith(File + ": not valid JSON at line 3, position 3:", problem);
        Assert.DoesNotContain("BytePositionInLine", problem);
    }

    [Fact]
    public void A_file_that_is_not_an_object_says_what_it_must_hold()
    {
        var problem = Single(Problems("""[ "hostPort" ]"""));
        Assert.Contains("must hold one JSON object", problem);
        Assert.Contains("array", problem);
    }

    [Theory]
    [InlineData("""{ "hostPrt": 80 }""", "\"hostPrt\"", "Did you mean 'hostPort'?")]
    [InlineData("""{ "memroy": "1g" }""", "\"memroy\"", "Did you mean 'memory'?")]
    [InlineData("""{ "knownHost": "k" }""", "\"knownHost\"", "Did you mean 'knownHosts'?")]
    [InlineData("""{ "healthCheck": { "intervall": "2s" } }""", "\"healthCheck.intervall\"", "Did you mean 'healthCheck.interval'?")]
    [InlineData("""{ "verification": { "windw": "30s" } }""", "\"verification.windw\"", "Did you mean 'verification.window'?")]
    public void An_unknown_key_suggests_the_closest_valid_one(string json, string key, string suggestion)
    {
        var problem = Single(Problems(json));
        Assert.Contains($"{File}: unknown key {key}", problem);
        Assert.Contains(suggestion, problem);
    }

    [Fact]
    public void An_unknown_key_far_from_any_lists_the_valid_ones()
    {
        var problem = Single(Problems("""{ "zzzzzzzzzzzz": 1 }"""));
        Assert.Contains("Valid keys: ", problem);
        Assert.Contains("hostPort", problem);
        Assert.Contains("host,", problem);
    }

    [Theory]
    [InlineData("""{ "hostPort": "eighty" }""", "\"hostPort\" must be a whole number, found the text \"eighty\"")]
    [InlineData("""{ "hostPort": 80.5 }""", "\"hostPort\" must be a whole number, found the number 80.5")]
    [InlineData("""{ "keepReleases": null }""", "\"keepReleases\" must be a whole number, found null")]
    [InlineData("""{ "readOnlyRootFilesystem": "yes" }""", "\"readOnlyRootFilesystem\" must be true or false, found the text \"yes\"")]
    [InlineData("""{ "deployTimeout": "soon" }""", "\"deployTimeout\" must be a duration such as \"30s\"")]
    [InlineData("""{ "bind": 127 }""", "\"bind\" must be a text in quotes, found the number 127")]
    [InlineData("""{ "env": [ "A=1" ] }""", "\"env\" must be an object of \"NAME\": \"value\" pairs, found a list")]
    [InlineData("""{ "volumes": "data:/x" }""", "\"volumes\" must be a list of texts, e.g. [\"a\", \"b\"], found the text \"data:/x\"")]
    [InlineData("""{ "healthCheck": "2s" }""", "\"healthCheck\" must be an object { … }, found the text \"2s\"")]
    [InlineData("""{ "healthCheck": { "retries": "many" } }""", "\"healthCheck.retries\" must be a whole number, found the text \"many\"")]
    [InlineData("""{ "verification": { "maxErrorRate": true } }""", "\"verification.maxErrorRate\" must be a number, found true")]
    public void A_wrong_type_names_the_key_the_expected_type_and_what_was_found(string json, string expected)
    {
        var problem = Single(Problems(json));
        Assert.StartsWith(File + ": ", problem);
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("""{ "strategy": "blue-green" }""", "the text \"blue-green\"")]
    [InlineData("""{ "strategy": 1 }""", "the number 1")]
    [InlineData("""{ "strategy": "" }""", "the text \"\"")]
    public void A_bad_strategy_lists_the_valid_values(string json, string found) =>
        Assert.Contains($"\"strategy\" is {found}, which is not one of: edge, replace", Single(Problems(json)));

    [Fact]
    public void A_well_formed_file_with_bad_values_gets_the_configurations_own_rules()
    {
        var problem = Single(Problems("""{ "hostPort": 0, "healthPath": "health" }"""));
        Assert.Contains("hostPort 0 is not a port", problem);
        Assert.Contains("healthPath 'health' must start with '/'", problem);
        Assert.Contains(File, problem);
    }

    [Fact]
    public void The_command_lines_overrides_are_checked_as_they_will_run()
    {
        var problems = new DeployInputs(File, """{ "hostPort": 8080 }""") { Overrides = c => c with { HostPort = 70000 } }.Problems();
        Assert.Contains("hostPort 70000 is not a port", Single(problems));
    }

    [Fact]
    public void Shape_and_secrets_are_asked_apart_so_targets_without_a_release_never_need_secrets()
    {
        var inputs = new DeployInputs(File, """{ "hostPrt": 1, "secretEnv": ["DB_PASSWORD"] }""") { Env = ["FOO"], SecretEnv = ["API_KEY"], IsSet = _ => false };
        Assert.Equal(2, inputs.ShapeProblems().Count);
        Assert.Equal(2, inputs.SecretProblems().Count);
        Assert.Equal([.. inputs.ShapeProblems(), .. inputs.SecretProblems()], inputs.Problems());
        Assert.Empty((inputs with { IsSet = null }).SecretProblems());
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = Problems("""{ "hostPrt": 80, "strategy": "blue", "cpus": 2, "healthCheck": { "interval": [] } }""",
            env: ["FOO", "BAR=ok"], secretEnv: ["UNSET_VAR"], setVariables: []);
        Assert.Equal(5 + 1, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--env 'FOO'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--secret-env UNSET_VAR", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("hostPrt", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"strategy\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"cpus\" must be a text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"healthCheck.interval\" must be a duration", StringComparison.Ordinal));
    }
}
