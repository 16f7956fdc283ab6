namespace Drydock.Docker.Tests.Swarm;

/// <summary>The swarm settings render exactly the docker arguments the cluster work relies on.</summary>
public sealed class SwarmArgumentTests
{
    private const string Image = "registry.test:5000/notes@sha256:abc";

    [Fact]
    public void Service_create_renders_every_option_before_the_image_and_its_command()
    {
        var settings = new DockerServiceCreateSettings("notes-1-2-3", Image)
        {
            Replicas = 2,
            MaxReplicasPerNode = 1,
            Networks = ["notes-prod"],
            Labels = new Dictionary<string, string> { ["dev.drydock.version"] = "1.2.3" },
            ContainerLabels = new Dictionary<string, string> { ["dev.drydock.app"] = "notes" },
            Environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://+:8080" },
            EnvironmentFiles = ["/run/drydock/notes.env"],
            Mounts = [new ServiceMount("notes-data", "/data"), new ServiceMount("/etc/ssl", "/ssl", ReadOnly: true, Type: "bind")],
            Constraints = ["node.labels.dev.drydock.volume.notes-data==true"],
            Publish = [new ServicePort(80, 8080)],
            HealthCheck = new ContainerHealthCheck { Command = "curl -f localhost:8080/health", Interval = TimeSpan.FromSeconds(2), Retries = 3 },
            Update = new ServiceUpdatePolicy { Parallelism = 1, Order = "start-first", FailureAction = "pause", Monitor = TimeSpan.FromSeconds(5) },
            Rollback = new ServiceUpdatePolicy { Order = "start-first" },
            Command = ["serve"],
        };

        Assert.Equal(
            ["service", "create", "--name", "notes-1-2-3", "--replicas", "2", "--replicas-max-per-node", "1", "--endpoint-mode", "dnsrr",
             "--network", "notes-prod", "--label", "dev.drydock.version=1.2.3", "--container-label", "dev.drydock.app=notes",
             "--env", "ASPNETCORE_URLS=http://+:8080", "--env-file", "/run/drydock/notes.env",
             "--mount", "type=volume,source=notes-data,target=/data", "--mount", "type=bind,source=/etc/ssl,target=/ssl,readonly",
             "--constraint", "node.labels.dev.drydock.volume.notes-data==true", "--publish", "mode=host,target=8080,published=80",
             "--health-cmd", "curl -f localhost:8080/health", "--health-interval", "2s", "--health-retries", "3",
             "--update-parallelism", "1", "--update-order", "start-first", "--update-failure-action", "pause", "--update-monitor", "5s",
             "--rollback-order", "start-first", "--with-registry-auth", "--detach", Image, "serve"],
            settings.ToArguments());
    }

    [Fact]
    public void A_global_service_has_no_replica_count_and_a_minimal_service_keeps_dnsrr_registry_auth_and_detach()
    {
        Assert.Equal(
            ["service", "create", "--name", "edge", "--mode", "global", "--endpoint-mode", "dnsrr", "--publish", "mode=host,target=8080,published=80,protocol=udp", "--with-registry-auth", "--detach", Image],
            new DockerServiceCreateSettings("edge", Image) { Global = true, Replicas = 3, MaxReplicasPerNode = 1, Publish = [new ServicePort(80, 8080, Protocol: "udp")] }.ToArguments());
        Assert.Equal(
            ["service", "create", "--name", "app", "--endpoint-mode", "dnsrr", "--with-registry-auth", "--detach", Image],
            new DockerServiceCreateSettings("app", Image).ToArguments());
    }

    [Fact]
    public void Service_update_scale_inspect_ps_ls_and_rm_render_their_arguments()
    {
        Assert.Equal(
            ["service", "update", "--image", Image, "--replicas", "3", "--env-add", "A=1", "--env-rm", "B", "--label-add", "x=y", "--label-rm", "z",
             "--constraint-add", "node.role==worker", "--constraint-rm", "node.role==manager", "--update-order", "start-first", "--force", "--with-registry-auth", "--detach", "app"],
            new DockerServiceUpdateSettings("app")
            {
                Image = Image, Replicas = 3,
                AddEnvironment = new Dictionary<string, string> { ["A"] = "1" }, RemoveEnvironment = ["B"],
                AddLabels = new Dictionary<string, string> { ["x"] = "y" }, RemoveLabels = ["z"],
                AddConstraints = ["node.role==worker"], RemoveConstraints = ["node.role==manager"],
                Update = new ServiceUpdatePolicy { Order = "start-first" }, Force = true,
            }.ToArguments());
        // A rollback goes back to swarm's previous spec: registry auth would be a spec change, so it is left out.
        Assert.Equal(["service", "update", "--rollback", "app"], new DockerServiceUpdateSettings("app") { Rollback = true, Detach = false }.ToArguments());
        Assert.Equal(["service", "scale", "--detach", "app=0"], new DockerServiceScaleSettings("app", 0).ToArguments());
        Assert.Equal(["service", "inspect", "a", "b"], new DockerServiceInspectSettings(["a", "b"]).ToArguments());
        Assert.Equal(["service", "ps", "--no-trunc", "--filter", "desired-state=running", "--format", "{{json .}}", "app"],
            new DockerServicePsSettings("app") { DesiredState = "running" }.ToArguments());
        Assert.Equal(["service", "ls", "--filter", "label=dev.drydock.app=notes", "--format", "{{json .}}"],
            new DockerServiceLsSettings { LabelFilters = ["dev.drydock.app=notes"] }.ToArguments());
        Assert.Equal(["service", "rm", "app"], new DockerServiceRmSettings("app").ToArguments());
    }

    [Fact]
    public void Node_swarm_and_overlay_network_commands_render_their_arguments()
    {
        Assert.Equal(["node", "ls", "--format", "{{json .}}"], new DockerNodeLsSettings().ToArguments());
        Assert.Equal(["node", "inspect", "self"], new DockerNodeInspectSettings(["self"]).ToArguments());
        Assert.Equal(["node", "update", "--label-add", "dev.drydock.volume.notes-data=true", "--label-rm", "old", "--availability", "drain", "node-2"],
            new DockerNodeUpdateSettings("node-2") { AddLabels = new Dictionary<string, string> { ["dev.drydock.volume.notes-data"] = "true" }, RemoveLabels = ["old"], Availability = "drain" }.ToArguments());
        Assert.Equal(["swarm", "init", "--advertise-addr", "10.0.0.2"], new DockerSwarmInitSettings("10.0.0.2").ToArguments());
        Assert.Equal(["swarm", "join-token", "--quiet", "worker"], new DockerSwarmJoinTokenSettings(SwarmRole.Worker).ToArguments());
        Assert.Equal(["swarm", "join", "--token", "SWMTKN-1-x", "node-1:2377"], new DockerSwarmJoinSettings("SWMTKN-1-x", "node-1:2377").ToArguments());
        Assert.DoesNotContain("SWMTKN", new DockerSwarmJoinSettings("SWMTKN-1-x", "node-1:2377").ToString(), StringComparison.Ordinal);
        Assert.Equal(["swarm", "leave", "--force"], new DockerSwarmLeaveSettings { Force = true }.ToArguments());
        Assert.Equal(["network", "create", "--driver", "overlay", "--attachable", "notes-prod"],
            new DockerNetworkCreateSettings("notes-prod") { Driver = "overlay", Attachable = true }.ToArguments());
    }
}
