using Drydock.Docker;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>A worker's container stopped: swarm marks the node down, reschedules its replica, and the status names the node.</summary>
public sealed class NodeLossTests(NodeLossFixture fixture, ITestOutputHelper output) : IClassFixture<NodeLossFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_stopped_worker_is_marked_down_its_replica_moves_and_the_cluster_status_names_it()
    {
        var manager = fixture.Cluster.ManagerDocker;
        var service = $"swm-web-{fixture.RunId}";
        await manager.CreateServiceAsync(new DockerServiceCreateSettings(service, fixture.ProbeByDigest)
        {
            Replicas = 2,
            MaxReplicasPerNode = 1,
            Constraints = ["node.role==worker"],
            Command = SwarmFixture.WebCommand,
        });
        var before = await Converge.RunningTasksAsync(manager, service, t => t.Count == 2, Timeout);
        Assert.Equal(fixture.Cluster.Workers.Select(w => w.Name).Order(), before.Select(t => t.Node).Order());

        // Lift the constraint so the lost replica has somewhere to go, then stop one worker.
        await manager.UpdateServiceAsync(new DockerServiceUpdateSettings(service) { RemoveConstraints = ["node.role==worker"] });
        var lost = fixture.Cluster.Workers[1];
        await fixture.Cluster.OuterDocker.StopAsync(new DockerStopSettings([lost.Name]) { Timeout = TimeSpan.FromSeconds(1) });

        var nodes = await Converge.NodesAsync(manager, n => n.Any(x => x.Hostname == lost.Name && x.Status == "down"), Timeout);
        var after = await Converge.RunningTasksAsync(manager, service, t => t.Count == 2 && t.All(x => x.Node != lost.Name), Timeout);
        var inspected = await manager.InspectServiceAsync(service);
        var status = ClusterStatus.From(nodes, [inspected!], after);
        output.WriteLine(status.Describe());

        Assert.Equal([lost.Name], status.DownNodes.Select(n => n.Hostname));
        Assert.Contains($"node {lost.Name} (worker): DOWN", status.Describe());
        Assert.Contains($"down: {lost.Name}", status.Describe());
        Assert.Equal(2, status.Services.Single().Running);
        Assert.DoesNotContain(status.Services.Single().ByNode, n => n.Node == lost.Name);
    }
}
