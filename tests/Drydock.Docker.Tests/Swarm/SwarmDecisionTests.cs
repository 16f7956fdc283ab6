namespace Drydock.Docker.Tests.Swarm;

/// <summary>The pure swarm decisions, as data: stateful placement, the cluster status, service-spec drift.</summary>
public sealed class SwarmDecisionTests
{
    [Fact]
    public void A_service_with_a_data_volume_is_stateful_by_default_and_pinned_to_the_node_holding_it()
    {
        var decision = StatefulPlacement.Decide(new PlacementRequest("notes", 1) { DataVolume = "notes-data", VolumeNode = "node-2" });

        Assert.False(decision.Refused);
        Assert.Equal(1, decision.Placement!.Replicas);
        Assert.Equal(["node.labels.dev.drydock.volume.notes-data==true"], decision.Placement.Constraints);
        Assert.Null(decision.Placement.NodeLabel);
    }

    [Fact]
    public void A_stateful_service_whose_volume_has_no_node_yet_labels_the_default_node_first()
    {
        var decision = StatefulPlacement.Decide(new PlacementRequest("notes", 1) { DataVolume = "notes-data", DefaultVolumeNode = "node-1" });

        Assert.Equal(("node-1", "dev.drydock.volume.notes-data", "true"), decision.Placement!.NodeLabel);
        Assert.True(StatefulPlacement.Decide(new PlacementRequest("notes", 1) { DataVolume = "notes-data" }).Refused);
    }

    [Fact]
    public void More_than_one_replica_of_a_stateful_service_is_refused_with_the_reason_and_the_fix()
    {
        var decision = StatefulPlacement.Decide(new PlacementRequest("notes", 2) { DataVolume = "notes-data", VolumeNode = "node-1" });

        Assert.True(decision.Refused);
        Assert.Null(decision.Placement);
        Assert.Contains("SQLite file that cannot live on several nodes", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("\"replicas\": 1", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("\"stateful\": false", decision.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Stateless_services_scale_freely_and_nonsense_is_refused()
    {
        Assert.Equal(4, StatefulPlacement.Decide(new PlacementRequest("api", 4) { DataVolume = "cache", Stateful = false }).Placement!.Replicas);
        Assert.Empty(StatefulPlacement.Decide(new PlacementRequest("api", 3)).Placement!.Constraints);
        Assert.True(StatefulPlacement.Decide(new PlacementRequest("api", 1) { Stateful = true }).Refused);
        Assert.True(StatefulPlacement.Decide(new PlacementRequest("api", -1)).Refused);
    }

    [Fact]
    public void The_node_holding_a_volume_is_read_from_node_labels()
    {
        var nodes = SwarmOutput.ParseNodeInspect(SwarmOutputTests.NodeInspect);
        Assert.Equal("swmproto-1", StatefulPlacement.NodeHolding(nodes, "notes-data"));
        Assert.Null(StatefulPlacement.NodeHolding(nodes, "other"));
    }

    [Fact]
    public void The_cluster_status_names_the_down_node_and_counts_replicas_per_node()
    {
        var nodes = new[]
        {
            new SwarmNode("1", "node-1", SwarmRole.Manager, "ready", "active") { IsLeader = true },
            new SwarmNode("2", "node-2", SwarmRole.Worker, "ready", "active"),
            new SwarmNode("3", "node-3", SwarmRole.Worker, "down", "active"),
        };
        var web = new SwarmService("w", "web", "img@sha256:1") { Replicas = 3 };
        var edge = new SwarmService("e", "edge", "edge@sha256:2");
        var tasks = new[]
        {
            new SwarmTask("a", "web.1", "img", "node-1", "Running", "Running 1 minute ago"),
            new SwarmTask("b", "web.2", "img", "node-2", "Running", "Running 1 minute ago"),
            new SwarmTask("c", "web.3", "img", "node-2", "Running", "Running 3 seconds ago"),
            new SwarmTask("d", "web.3", "img", "node-3", "Shutdown", "Running 2 minutes ago"),
            new SwarmTask("e", "edge.1", "edge", "node-1", "Running", "Running 1 minute ago"),
            new SwarmTask("f", "edge.2", "edge", "node-2", "Running", "Preparing 1 second ago") { Error = "No such image: edge@sha256:2" },
        };

        var status = ClusterStatus.From(nodes, [web, edge], tasks);

        Assert.Equal(["node-3"], status.DownNodes.Select(n => n.Hostname));
        var webReplicas = status.Services.Single(s => s.Service == "web");
        Assert.Equal(3, webReplicas.Running);
        Assert.Equal([new NodeReplicas("node-1", 1), new NodeReplicas("node-2", 2)], webReplicas.ByNode);
        var edgeReplicas = status.Services.Single(s => s.Service == "edge");
        Assert.Equal((2, 1), (edgeReplicas.Desired!.Value, edgeReplicas.Running));
        Assert.Equal(
            """
            node node-1 (manager, leader): ready
            node node-2 (worker): ready
            node node-3 (worker): DOWN
            service edge: 1 of 2 running (1 on node-1)
              edge.2 on node-2: No such image: edge@sha256:2
            service web: 3 of 3 running (1 on node-1, 2 on node-2)
            down: node-3
            """.ReplaceLineEndings("\n"),
            status.Describe().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Spec_drift_reports_image_replicas_env_and_labels_changed_by_hand_without_env_values()
    {
        var recorded = new RecordedServiceSpec("web", "reg:5000/notes@sha256:aaa")
        {
            Replicas = 2,
            Environment = new Dictionary<string, string> { ["TOKEN"] = "s3cret", ["MODE"] = "a" },
            Labels = new Dictionary<string, string> { ["dev.drydock.version"] = "1.0.0" },
        };
        var live = new SwarmService("id", "web", "reg:5000/notes:1.0.1@sha256:bbb")
        {
            Replicas = 3,
            Environment = new Dictionary<string, string> { ["TOKEN"] = "changed-by-hand", ["EXTRA"] = "x" },
            Labels = new Dictionary<string, string> { ["dev.drydock.version"] = "1.0.1" },
        };

        var drift = ServiceSpecDrift.Detect(recorded, live).Select(d => d.ToString()).ToArray();

        Assert.Equal(
            [
                "image: recorded reg:5000/notes@sha256:aaa, live reg:5000/notes:1.0.1@sha256:bbb",
                "replicas: recorded 2, live 3",
                "env EXTRA: recorded absent, live set",
                "env MODE: recorded set, live absent",
                "env TOKEN: recorded one value, live another value",
                "label dev.drydock.version: recorded 1.0.0, live 1.0.1",
            ],
            drift);
        Assert.DoesNotContain(drift, d => d.Contains("s3cret", StringComparison.Ordinal) || d.Contains("changed-by-hand", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unchanged_spec_has_no_drift_even_when_docker_keeps_a_tag_beside_the_digest()
    {
        var recorded = new RecordedServiceSpec("web", "reg:5000/notes@sha256:aaa") { Replicas = 2 };
        var live = new SwarmService("id", "web", "reg:5000/notes:1.0.0@sha256:aaa") { Replicas = 2 };

        Assert.Empty(ServiceSpecDrift.Detect(recorded, live));
        Assert.False(ServiceSpecDrift.SameImage("notes:1", "notes:2"));
    }
}
