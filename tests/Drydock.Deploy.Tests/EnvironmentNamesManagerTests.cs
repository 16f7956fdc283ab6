using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>The manager's names on the simulated CLI: joint for a new environment, the older form kept by one that has it.</summary>
public sealed class EnvironmentNamesManagerTests
{
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly InMemoryHistory _history = new();

    private ReleaseManager Manager() => FakeEngineManager.Create(_engine, _log, FakeEngineManager.Options(_history));

    private static DeployRequest Request(string app, string environment, string version, string digest) =>
        new(app, "127.0.0.1:5000/" + app, digest, version) { Environment = environment, Config = new EnvironmentConfig { KeepReleases = 2, DeployTimeout = TimeSpan.FromSeconds(2) } };

    [Fact]
    public async Task A_deploy_of_x_eu_prod_beside_x_eu_prod_in_its_older_names_touches_none_of_its_resources()
    {
        var serving = new EnvironmentId("x", "eu-prod").WithLegacyNames();
        _engine.Add(serving.EdgeContainer, EdgeLabels.Owner(serving), running: true);
        foreach (var volume in serving.Volumes)
            _engine.AddVolume(volume, ReleaseLabels.Owner(serving, "data"));

        var result = await Manager().DeployAsync(Request("x-eu", "prod", "1.0.0", Samples.DigestA));

        var release = _engine.Containers[result.Container];
        Assert.Equal(["drydock-x-eu--prod-data:" + ReleaseNames.DataMountPath], release.Volumes);
        Assert.True(_engine.Containers[serving.EdgeContainer].Running);
        Assert.DoesNotContain(_engine.Commands, c => c.Any(serving.Volumes.Contains) || c.Contains(serving.EdgeContainer));
    }

    [Fact]
    public async Task An_environment_whose_volumes_carry_the_older_names_keeps_them_and_so_its_data()
    {
        var id = new EnvironmentId("x", "eu-prod");
        foreach (var volume in id.WithLegacyNames().Volumes)
            _engine.AddVolume(volume, ReleaseLabels.Owner(id, "data"));

        var result = await Manager().DeployAsync(Request("x", "eu-prod", "1.0.0", Samples.DigestA));

        Assert.Equal([id.WithLegacyNames().DataVolume + ":" + ReleaseNames.DataMountPath], _engine.Containers[result.Container].Volumes);
        Assert.StartsWith("x-eu-prod-1.0.0-", result.Container, StringComparison.Ordinal);
        Assert.DoesNotContain(_engine.Volumes.Keys, id.Volumes.Contains);
    }

    [Fact]
    public async Task A_rollback_under_the_older_names_recreates_the_previous_release_on_its_own_data_volume()
    {
        var id = new EnvironmentId("x", "eu-prod");
        foreach (var volume in id.WithLegacyNames().Volumes)
            _engine.AddVolume(volume, ReleaseLabels.Owner(id, "data"));
        var manager = Manager();
        var first = await manager.DeployAsync(Request("x", "eu-prod", "1.0.0", Samples.DigestA));
        await manager.DeployAsync(Request("x", "eu-prod", "2.0.0", Samples.DigestB));
        _engine.Containers.Remove(first.Container); // gone from the engine: recreated from its record

        var rollback = await manager.RollbackAsync(new RollbackRequest("x") { Environment = "eu-prod", Config = new EnvironmentConfig { DeployTimeout = TimeSpan.FromSeconds(2) } });

        Assert.Equal([id.WithLegacyNames().DataVolume + ":" + ReleaseNames.DataMountPath], _engine.Containers[rollback.Deploy!.Container].Volumes);
        Assert.DoesNotContain(_engine.Volumes.Keys, id.Volumes.Contains);
        Assert.Equal(3, _history.Records.Count);
    }
}
