using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Registry;

namespace Drydock.Deploy.Tests;

/// <summary>
/// A registry that does not answer (a loopback port in this suite's range that nothing listens on)
/// is named with its address and --registry, and the rollback says nothing was changed.
/// </summary>
public sealed class RegistryDownTests
{
    private const string DownRegistry = "127.0.0.1:19051";
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly InMemoryHistory _history = new();

    [Fact]
    public async Task The_registry_client_names_the_address_that_does_not_answer()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => new RegistryClient(http, DownRegistry).GetTagAsync("notes", "1.0.0"));

        Assert.StartsWith($"The registry at {DownRegistry} does not answer (", error.Message);
        Assert.Contains("Check --registry", error.Message);
    }

    [Fact]
    public async Task A_rollback_to_a_version_only_a_down_registry_knows_names_it_and_changes_nothing()
    {
        using var http = new HttpClient();
        var manager = FakeEngineManager.Create(_engine, _log, FakeEngineManager.Options(_history) with
        {
            Tags = new RegistryReleaseTags(http, _log),
            ReadEnvironment = _ => null,
        });
        var config = new EnvironmentConfig { DeployTimeout = TimeSpan.FromSeconds(2) };
        await manager.DeployAsync(new DeployRequest("notes", DownRegistry + "/notes", Samples.DigestA, "1.0.0") { Config = config });
        var commands = _engine.Commands.Count;

        var error = await Assert.ThrowsAsync<DeployException>(() =>
            manager.RollbackAsync(new RollbackRequest("notes") { ToVersion = "0.9.0", Repository = DownRegistry + "/notes", Config = config }));

        Assert.Contains($"The registry at {DownRegistry} does not answer", error.Message);
        Assert.Contains("--registry", error.Message);
        Assert.Contains("Nothing was changed", error.Message);
        Assert.DoesNotContain(_engine.Commands.Skip(commands), c => c[0] is "start" or "stop" || (c[0] == "create" && !c.Contains("drydock/holder:1")));
        Assert.Single(_history.Records);
    }
}
