using Drydock.Engine;

namespace Drydock.Build.Tests;

/// <summary>
/// The environment file is read once per run, however many checks and targets ask for it: here Deploy's whole
/// requirement check (environment, host, HTTPS, strategy, cluster registry, secrets, Publish's health path) up to the
/// refusal of an unset secret, which stops the run before anything is built or changed.
/// </summary>
public sealed class EnvironmentReadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("drydock-settings-").FullName;

    public EnvironmentReadTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke", "environments"));
        File.WriteAllText(Path.Combine(_root, ".nuke", "environments", "prod.json"), """{ "hostPort": 18999, "hosts": ["notes.example.org"], "tls": "off" }""");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A service build that counts the reads of its environment file.</summary>
    public sealed class CountingBuild : ServiceBuild
    {
        public static int Reads;

        internal override string? ReadEnvironmentFile(string path)
        {
            Interlocked.Increment(ref Reads);
            return base.ReadEnvironmentFile(path);
        }
    }

    [Fact]
    public void Deploy_reads_the_environment_file_once_for_all_its_checks()
    {
        CountingBuild.Reads = 0;
        var output = new StringWriter();
        var code = BuildHost.Run<CountingBuild>(
            ["Deploy", "--root", _root, "--project", "src/App/App.csproj", "--environment", "prod", "--host-port", "19000", "--secret-env", "DRYDOCK_SETTINGS_TEST_UNSET"],
            b => b.Deploy, output);

        Assert.True(code == BuildHost.InvalidInvocation, output.ToString());
        Assert.Contains("DRYDOCK_SETTINGS_TEST_UNSET is not set in this runner's environment", output.ToString());
        Assert.Equal(1, CountingBuild.Reads);
    }

    [Fact]
    public void A_bad_key_is_refused_before_anything_runs_after_one_read()
    {
        File.WriteAllText(Path.Combine(_root, ".nuke", "environments", "prod.json"), """{ "hostPrt": 80 }""");
        CountingBuild.Reads = 0;
        var output = new StringWriter();
        var code = BuildHost.Run<CountingBuild>(["Status", "--root", _root, "--project", "src/App/App.csproj", "--environment", "prod"], b => b.Status, output);

        Assert.True(code == BuildHost.InvalidInvocation, output.ToString());
        Assert.Contains("unknown key \"hostPrt\". Did you mean 'hostPort'?", output.ToString());
        Assert.Equal(1, CountingBuild.Reads);
    }
}
