namespace Drydock.Docker.Tests.Swarm;

/// <summary>Parsing of swarm output captured from docker 20.10 on nested nodes (trimmed to the fields read).</summary>
public sealed class SwarmOutputTests
{
    public const string ServiceInspect =
        """
        [{"ID":"k6m1jt3ajg7ryahgfneutp7dl","Version":{"Index":23},
          "Spec":{"Name":"web","Labels":{"dev.drydock.version":"1.2.3"},
            "TaskTemplate":{"ContainerSpec":{"Image":"reg:5000/swm/probe@sha256:4c25","Labels":{"dev.drydock.app":"notes"},
              "Env":["A=1","URLS=http://+:8080=x","EMPTY="],"Args":["sh"]},
              "Placement":{"Constraints":["node.role==worker"],"Platforms":[{"Architecture":"amd64","OS":"linux"}]}},
            "Mode":{"Replicated":{"Replicas":2}},
            "UpdateConfig":{"Parallelism":1,"Order":"stop-first"},
            "EndpointSpec":{"Mode":"dnsrr"}},
          "UpdateStatus":{"State":"paused","Message":"update paused due to failure or early termination of task x"}},
         {"ID":"ye0a","Spec":{"Name":"edge","Labels":{},"TaskTemplate":{"ContainerSpec":{"Image":"reg:5000/edge@sha256:9f"}},"Mode":{"Global":{}}},"Endpoint":{"Spec":{}}}]
        """;

    public static readonly string[] ServicePs =
    [
        """{"CurrentState":"Running 22 seconds ago","DesiredState":"Running","Error":"","ID":"xitq6gxr27ei","Image":"reg:5000/swm/probe@sha256:4c25","Name":"web.1","Node":"swmproto-2","Ports":""}""",
        """{"CurrentState":"Failed 5 seconds ago","DesiredState":"Shutdown","Error":"\"task: non-zero exit (1)\"","ID":"pg6usy8ejgax","Image":"reg:5000/swm/probe@sha256:4c25","Name":"web.1","Node":"swmproto-3","Ports":""}""",
        "",
        """{"CurrentState":"Starting less than a second ago","DesiredState":"Running","Error":"","ID":"x0me","Image":"reg:5000/swm/probe@sha256:4c25","Name":"web.2","Node":"swmproto-1","Ports":""}""",
    ];

    public const string NodeInspect =
        """
        [{"ID":"qzzp","Spec":{"Labels":{"dev.drydock.volume.notes-data":"true"},"Role":"manager","Availability":"active"},
          "Description":{"Hostname":"swmproto-1"},"Status":{"State":"ready","Addr":"192.168.80.2"},"ManagerStatus":{"Leader":true,"Reachability":"reachable","Addr":"192.168.80.2:2377"}},
         {"ID":"wbsm","Spec":{"Labels":{},"Role":"worker","Availability":"active"},"Description":{"Hostname":"swmproto-3"},"Status":{"State":"down","Addr":"192.168.80.4"}}]
        """;

    [Fact]
    public void Service_inspect_reads_image_labels_env_replicas_endpoint_mode_constraints_and_update_status()
    {
        var services = SwarmOutput.ParseServiceInspect(ServiceInspect);

        var web = services[0];
        Assert.Equal(("k6m1jt3ajg7ryahgfneutp7dl", "web", "reg:5000/swm/probe@sha256:4c25"), (web.Id, web.Name, web.Image));
        Assert.Equal("1.2.3", web.Labels["dev.drydock.version"]);
        Assert.Equal("notes", web.ContainerLabels["dev.drydock.app"]);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["URLS"] = "http://+:8080=x", ["EMPTY"] = "" }, web.Environment);
        Assert.Equal(2, web.Replicas);
        Assert.False(web.Global);
        Assert.Equal("dnsrr", web.EndpointMode);
        Assert.Equal(["node.role==worker"], web.Constraints);
        Assert.Equal("paused", web.UpdateState);
        Assert.StartsWith("update paused", web.UpdateMessage, StringComparison.Ordinal);

        var edge = services[1];
        Assert.True(edge.Global);
        Assert.Null(edge.Replicas);
        Assert.Equal("vip", edge.EndpointMode);
        Assert.Null(edge.UpdateState);
        Assert.Empty(SwarmOutput.ParseServiceInspect("[]"));
    }

    [Fact]
    public void Service_ps_reads_tasks_with_node_states_and_the_unquoted_error()
    {
        var tasks = SwarmOutput.ParseServicePs(ServicePs);

        Assert.Equal(3, tasks.Count);
        Assert.Equal(("web", "swmproto-2", "running", true), (tasks[0].Service, tasks[0].Node, tasks[0].State, tasks[0].IsRunning));
        Assert.Equal(("failed", false, "task: non-zero exit (1)"), (tasks[1].State, tasks[1].IsRunning, tasks[1].Error));
        Assert.Equal(("starting", false), (tasks[2].State, tasks[2].IsRunning));
    }

    [Fact]
    public void Node_inspect_reads_hostname_role_status_availability_labels_and_leadership()
    {
        var nodes = SwarmOutput.ParseNodeInspect(NodeInspect);

        Assert.Equal("qzzp", nodes[0].Id);
        Assert.Equal(("swmproto-1", SwarmRole.Manager, "ready", "active", true, "192.168.80.2", true), (nodes[0].Hostname, nodes[0].Role, nodes[0].Status, nodes[0].Availability, nodes[0].IsLeader, nodes[0].Address, nodes[0].IsAvailable));
        Assert.Equal("true", nodes[0].Labels["dev.drydock.volume.notes-data"]);
        Assert.Equal(("swmproto-3", SwarmRole.Worker, "down", false, false), (nodes[1].Hostname, nodes[1].Role, nodes[1].Status, nodes[1].IsLeader, nodes[1].IsAvailable));
        Assert.Equal(["qzzp", "eyvu"], SwarmOutput.ParseNodeIds(
        [
            """{"Availability":"Active","Hostname":"swmproto-1","ID":"qzzp","ManagerStatus":"Leader","Self":true,"Status":"Ready"}""",
            """{"Availability":"Active","Hostname":"swmproto-2","ID":"eyvu","ManagerStatus":"","Self":false,"Status":"Ready"}""",
        ]));
    }
}
