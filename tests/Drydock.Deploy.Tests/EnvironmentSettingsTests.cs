using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Drydock.Deploy.Tests;

/// <summary>Each environment key declared once: the records, the parameters, the merge, the schema and the docs agree with the table.</summary>
public sealed class EnvironmentSettingsTests
{
    private const string Root = "/repo";

    private static string PathOf(string environment) => EnvironmentConfigFile.PathFor(Root, environment);

    /// <summary>The JSON keys a record reads, nested records as <c>healthCheck.interval</c>, as DeployJson.Strict sees them.</summary>
    private static IEnumerable<(string Key, Type Type)> JsonKeys(Type type, string prefix = "")
    {
        foreach (var property in DeployJson.Strict.GetTypeInfo(type).Properties.Where(p => p.Set is not null))
        {
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (DeployJson.Strict.GetTypeInfo(target).Kind == JsonTypeInfoKind.Object && target != typeof(Drydock.Edge.Contract.CanaryShare))
                foreach (var nested in JsonKeys(target, prefix + property.Name + "."))
                    yield return nested;
            else
                yield return (prefix + property.Name, property.PropertyType);
        }
    }

    [Fact]
    public void Every_key_of_the_release_and_edge_records_is_declared_once_with_its_type()
    {
        var declared = EnvironmentSettingTable.All;
        Assert.Equal(declared.Count, declared.Select(s => s.Key).Distinct().Count());
        Assert.Equal(JsonKeys(typeof(EnvironmentConfig)), declared.Where(s => s.Record == SettingRecord.Config).Select(s => (s.Key, s.Type)));
        Assert.Equal(JsonKeys(typeof(EnvironmentHttps)), declared.Where(s => s.Record == SettingRecord.Https).Select(s => (s.Key, s.Type)));
        Assert.Equal(["host", "knownHosts", "registry"], EnvironmentHost.PropertyNames);
        Assert.Equal(declared.Select(s => s.TopLevelKey).Distinct(), EnvironmentFileSchema.TopLevelKeys);
    }

    [Fact]
    public void Each_parameter_is_derived_from_its_key_nullable_so_absent_means_the_file()
    {
        var parameters = EnvironmentSettingTable.Parameters.ToDictionary(p => p.MemberName);
        Assert.Equal(typeof(int?), parameters["HostPort"].Type);
        Assert.Equal(typeof(DeployStrategyKind?), parameters["Strategy"].Type);
        Assert.Equal(typeof(TimeSpan?), parameters["VerifyFor"].Type);
        Assert.Equal(typeof(string[]), parameters["Hosts"].Type);
        Assert.Equal(typeof(string[]), parameters["Env"].Type);
        Assert.Equal(typeof(string), parameters["Canary"].Type);
        Assert.True(parameters["TlsKey"].IsSecret);
        Assert.False(parameters["HostPort"].IsSecret);
        Assert.Equal("Host port of the service (default: the environment's \"hostPort\", else 8080)", parameters["HostPort"].Description);
        Assert.Contains("else 30s", parameters["VerifyFor"].Description);
        Assert.Contains("added to the environment's \"env\"", parameters["Env"].Description);
        Assert.DoesNotContain(EnvironmentSettingTable.All, s => s.Parameter is not null && !parameters.ContainsKey(s.Parameter));
    }

    [Fact]
    public void The_command_line_beats_the_file_which_beats_the_default()
    {
        const string file = """{ "hostPort": 80, "strategy": "replace", "verification": { "window": "10s" }, "healthCheck": { "interval": "2s" } }""";
        Func<string, object?> given = name => name switch { "HostPort" => 9090, "DeployTimeout" => TimeSpan.FromMinutes(5), _ => null };
        var merged = new DeployInputs(PathOf("prod"), file) { Parameters = given }.Config();
        Assert.Equal(9090, merged.HostPort);
        Assert.Equal(TimeSpan.FromMinutes(5), merged.DeployTimeout);
        Assert.Equal(DeployStrategyKind.Replace, merged.Strategy);
        Assert.Equal(TimeSpan.FromSeconds(10), merged.Verification.Window);
        Assert.Equal(TimeSpan.FromSeconds(2), merged.HealthCheck!.Interval);
        Assert.Equal("127.0.0.1", merged.Bind);

        var bare = new DeployInputs(PathOf("none"), null) { Parameters = _ => null }.Config();
        Assert.Equal(8080, bare.HostPort);
        Assert.Equal(TimeSpan.FromSeconds(30), bare.Verification.Window); // the build verifies by default
        Assert.Null(new DeployInputs(PathOf("none"), null).Config().Verification.Window); // the library does not
        Assert.Equal(TimeSpan.Zero, new DeployInputs(PathOf("off"), """{ "verification": { "window": "0s" } }""") { Parameters = _ => null }.Config().Verification.Window);
    }

    [Fact]
    public void Resolve_reads_the_file_once_and_every_record_comes_out_of_that_read()
    {
        var reads = 0;
        var source = new EnvironmentSource(Root, "prod")
        {
            ReadFile = _ => { reads++; return """{ "hostPort": 81, "host": "ssh://deploy@server:22", "knownHosts": ".nuke/known_hosts", "hosts": ["a.example.org"], "acmeCaBundle": "ca.pem" }"""; },
            Parameters = name => name switch { "Hosts" => new[] { "b.example.org" }, "Registry" => "registry.example.org:5000", "Bind" => "0.0.0.0", _ => null },
            Env = ["MODE=prod"],
        };
        var settings = EnvironmentSettings.Resolve(source);
        Assert.Empty(settings.ShapeProblems);
        Assert.Equal((81, "0.0.0.0", "prod"), (settings.Config!.HostPort, settings.Config.Bind, settings.Config.Env["MODE"]));
        Assert.Equal(new EnvironmentHost("ssh://deploy@server:22", "/repo/.nuke/known_hosts", "registry.example.org:5000"), settings.Host);
        Assert.Equal(["b.example.org"], settings.Https!.Hosts);
        Assert.Equal("/repo/ca.pem", settings.Https.AcmeCaBundle);
        Assert.Empty((settings.Inputs with { IsSet = _ => true }).SecretProblems());
        Assert.Equal(1, reads);
    }

    [Fact]
    public void A_non_canonical_environment_name_is_a_problem_of_the_run_naming_the_canonical_spelling()
    {
        var settings = EnvironmentSettings.Resolve(new EnvironmentSource(Root, "Prod") { ReadFile = _ => "{}" });
        Assert.Contains(settings.ShapeProblems, problem => problem.Contains("use --environment prod", StringComparison.Ordinal));
        Assert.Null(settings.Config);
    }

    [Fact]
    public void A_bad_host_or_edge_key_is_kept_as_its_problem_and_the_rest_still_resolves()
    {
        var settings = EnvironmentSettings.Resolve(new EnvironmentSource(Root, "prod") { ReadFile = _ => """{ "host": 22, "tls": "sometimes" }""" });
        Assert.Null(settings.Host);
        Assert.Contains("\"host\" must be a string", settings.HostProblem);
        Assert.Null(settings.Https);
        Assert.Contains("host-wide edge settings", settings.HttpsProblem);
        Assert.NotNull(settings.Config);
    }

    [Fact]
    public void An_unknown_key_lists_the_declared_keys_in_the_table_order()
    {
        var problem = Assert.Single(EnvironmentFileSchema.Problems(new JsonObject { ["zzzzzzzzzzzz"] = 1 }, "prod.json"));
        Assert.Equal($"prod.json: unknown key \"zzzzzzzzzzzz\". Valid keys: {string.Join(", ", EnvironmentFileSchema.TopLevelKeys)}.", problem);
        Assert.StartsWith("strategy, hostPort, bind, containerPort", string.Join(", ", EnvironmentFileSchema.TopLevelKeys));
    }
}
