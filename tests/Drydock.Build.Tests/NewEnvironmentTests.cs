using Drydock.Engine;

namespace Drydock.Build.Tests;

/// <summary>
/// Deploy to an environment that has no file and nothing on its engine is refused before anything runs, with the
/// closest known name, unless --new-environment asks for it; the engine is asked only when there is no file.
/// </summary>
public sealed class NewEnvironmentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-new-env-").FullName;

    public NewEnvironmentTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke", "environments"));
        File.WriteAllText(Path.Combine(_root, ".nuke", "environments", "production.json"), """{ "hostPort": 18998 }""");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A service build whose engine holds the environments it is given, counting how often it is asked.</summary>
    public sealed class EngineKnowsBuild : ServiceBuild
    {
        public static int Asked;
        public static IReadOnlyCollection<string> OnEngine = [];

        internal override IReadOnlyCollection<string> EnvironmentsOnEngine()
        {
            Interlocked.Increment(ref Asked);
            return OnEngine;
        }
    }

    private (int Code, string Output) Deploy(IReadOnlyCollection<string> onEngine, params string[] args)
    {
        EngineKnowsBuild.Asked = 0;
        EngineKnowsBuild.OnEngine = onEngine;
        var output = new StringWriter();
        // An unset secret stops every run at the requirement check, so nothing is built whatever else passes.
        var code = BuildHost.Run<EngineKnowsBuild>(
            ["Deploy", "--root", _root, "--project", "src/App/App.csproj", "--secret-env", "DRYDOCK_NEW_ENV_TEST_UNSET", .. args], b => b.Deploy, output);
        return (code, output.ToString());
    }

    [Fact]
    public void A_misspelt_environment_is_refused_with_the_closest_known_name()
    {
        var (code, output) = Deploy([], "--environment", "prodution");

        Assert.Equal(BuildHost.InvalidInvocation, code);
        Assert.Contains("there is no environment 'prodution'", output);
        Assert.Contains("Did you mean 'production'?", output);
        Assert.Contains("--new-environment", output);
        Assert.Equal(1, EngineKnowsBuild.Asked);
    }

    [Fact]
    public void A_name_only_the_engine_records_is_deployed_to()
    {
        var (_, output) = Deploy(["staging"], "--environment", "staging");

        Assert.DoesNotContain("there is no environment", output);
        Assert.Contains("DRYDOCK_NEW_ENV_TEST_UNSET is not set", output);
        Assert.Equal(1, EngineKnowsBuild.Asked);
    }

    [Theory]
    [InlineData("production")]
    [InlineData("local")]
    public void An_environment_with_a_file_or_the_built_in_local_never_asks_the_engine(string environment)
    {
        var (_, output) = Deploy([], "--environment", environment);

        Assert.DoesNotContain("there is no environment", output);
        Assert.Equal(0, EngineKnowsBuild.Asked);
    }

    [Fact]
    public void New_environment_deploys_a_name_nothing_knows_without_asking_the_engine()
    {
        var (_, output) = Deploy([], "--environment", "brand-new", "--new-environment");

        Assert.DoesNotContain("there is no environment", output);
        Assert.Contains("DRYDOCK_NEW_ENV_TEST_UNSET is not set", output);
        Assert.Equal(0, EngineKnowsBuild.Asked);
    }
}
