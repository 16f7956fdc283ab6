using Drydock.Docker;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>The pure swarm decisions fed by, and applied to, the real cluster.</summary>
[Collection(ServicesCollection.Name)]
public sealed class DecisionTests(ServicesFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_stateful_placement_pins_the_one_replica_to_the_node_labelled_as_holding_the_volume()
    {
        var manager = fixture.Cluster.ManagerDocker;
        var volume = $"swm-data-{fixture.RunId}";
        var home = fixture.Cluster.Workers[1].Name;
        var request = new PlacementRequest($"swm-notes-{fixture.RunId}", 1)
        {
            DataVolume = volume,
            VolumeNode = StatefulPlacement.NodeHolding(await manager.NodesAsync(), volume),
            DefaultVolumeNode = home,
        };
        Assert.True(StatefulPlacement.Decide(request with { Replicas = 2 }).Refused);

        var decision = StatefulPlacement.Decide(request);
        Assert.False(decision.Refused, decision.Refusal);
        var placement = decision.Placement!;
        Assert.NotNull(placement.NodeLabel);
        var (node, key, value) = placement.NodeLabel.Value;
        await manager.ExecuteAsync(new DockerNodeUpdateSettings(node) { AddLabels = new Dictionary<string, string> { [key] = value } }, echoOutput: false);
        try
        {
            // Read back: the cluster now says which node holds the volume, so the next decision sets no label.
            Assert.Equal(home, StatefulPlacement.NodeHolding(await manager.NodesAsync(), volume));
            await manager.CreateServiceAsync(new DockerServiceCreateSettings(request.Service, fixture.ProbeByDigest)
            {
                Replicas = placement.Replicas,
                Constraints = placement.Constraints,
                Mounts = [new ServiceMount(volume, "/data")],
                Command = SwarmFixture.WebCommand,
            });
            var tasks = await Converge.RunningTasksAsync(manager, request.Service, t => t.Count == 1, Timeout);
            Assert.Equal(home, tasks.Single().Node);
            var volumes = await fixture.Cluster.OnNodeAsync(fixture.Cluster.Workers[1], ["docker", "volume", "ls", "--quiet"]);
            Assert.Contains(volume, volumes.StandardOutput);
            await manager.RemoveServicesAsync(new DockerServiceRmSettings(request.Service));
        }
        finally
        {
            await manager.ExecuteAsync(new DockerNodeUpdateSettings(node) { RemoveLabels = [key] }, throwOnError: false, echoOutput: false);
        }
    }

    [Fact]
    public async Task A_service_changed_by_hand_drifts_from_its_recorded_spec()
    {
        var manager = fixture.Cluster.ManagerDocker;
        var recorded = new RecordedServiceSpec($"swm-drift-{fixture.RunId}", fixture.ProbeByDigest)
        {
            Replicas = 1,
            Environment = new Dictionary<string, string> { ["MODE"] = "recorded" },
            Labels = new Dictionary<string, string> { ["dev.drydock.version"] = "1.0.0" },
        };
        await manager.CreateServiceAsync(new DockerServiceCreateSettings(recorded.Name, recorded.Image)
        {
            Replicas = recorded.Replicas,
            Environment = recorded.Environment,
            Labels = recorded.Labels,
            Command = SwarmFixture.WebCommand,
        });
        Assert.Empty(ServiceSpecDrift.Detect(recorded, (await manager.InspectServiceAsync(recorded.Name))!));

        await manager.UpdateServiceAsync(new DockerServiceUpdateSettings(recorded.Name)
        {
            Replicas = 2,
            AddEnvironment = new Dictionary<string, string> { ["MODE"] = "by-hand" },
            AddLabels = new Dictionary<string, string> { ["dev.drydock.version"] = "6.6.6" },
        });

        var drift = ServiceSpecDrift.Detect(recorded, (await manager.InspectServiceAsync(recorded.Name))!).Select(d => d.ToString()).ToArray();
        output.WriteLine(string.Join('\n', drift));
        Assert.Equal(
            ["replicas: recorded 1, live 2", "env MODE: recorded one value, live another value", "label dev.drydock.version: recorded 1.0.0, live 6.6.6"],
            drift);
        await manager.RemoveServicesAsync(new DockerServiceRmSettings(recorded.Name));
    }
}
