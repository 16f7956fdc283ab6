using System.Globalization;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>
/// The environment's edge on a cluster: a GLOBAL service, one task per node, each publishing the environment's port in
/// host mode on its node (no routing mesh: it needs IPVS, and drops requests during updates). How every edge learns the
/// switch without anyone reaching every node: each edge's one route is the environment's active alias
/// (<see cref="ClusterNames.ActiveAlias"/>, given at start through <c>EDGE_ROUTE</c>), which Swarm's DNS resolves on
/// every node to the tasks of the releases that run, and adds a task only once Docker's health check passed. The edge
/// balances each connection over those addresses and skips one that does not accept (its own check of each task). So a
/// release is switched to by scaling it up and the old one down; nothing is sent to each node.
/// </summary>
public static class ClusterEdge
{
    /// <summary>What the edge service is created with; its port and image are labels, so a changed one is seen.</summary>
    public static DockerServiceCreateSettings Settings(EnvironmentId id, EnvironmentConfig config, string edgeImage)
    {
        var labels = new Dictionary<string, string>(EdgeLabels.Owner(id))
        {
            [EdgeLabels.ServiceImage] = edgeImage,
            [EdgeLabels.PublicPort] = config.HostPort.ToString(CultureInfo.InvariantCulture),
        };
        return new DockerServiceCreateSettings(id.EdgeService(), edgeImage)
        {
            Global = true,
            EndpointMode = "dnsrr",
            Networks = [id.OverlayNetwork()],
            Labels = labels,
            ContainerLabels = EdgeLabels.Owner(id),
            Publish = [new ServicePort(config.HostPort, EdgeContainerSpec.ContainerPublicPort)],
            Environment = new Dictionary<string, string>
            {
                ["EDGE_ADMIN_PORT"] = "off",
                ["EDGE_ROUTE"] = $"http://{id.ActiveAlias()}:{config.ContainerPort.ToString(CultureInfo.InvariantCulture)}",
                ["EDGE_ROUTE_VERSION"] = "swarm",
                ["EDGE_SHUTDOWN_TIMEOUT_SECONDS"] = ((int)Math.Ceiling(config.DrainTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            },
            Mounts = [ServiceMount.Tmpfs("/tmp")],
            // Swarm replaces a task whose check fails, and the edge is its node's one door: a busy node slow to start the
            // probe (a .NET process) must not get it killed, so a probe has 10 s and five in a row must fail.
            HealthCheck = new ContainerHealthCheck { Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(10), Retries = 5, StartPeriod = TimeSpan.FromSeconds(10) },
            ReadOnly = true,
            CapDrop = ["ALL"],
            LimitMemory = "256m",
            StopGracePeriod = config.DrainTimeout + TimeSpan.FromSeconds(5),
            // Replacing an edge frees its host port first: stop-first, one node at a time, so the other nodes keep serving.
            Update = new ServiceUpdatePolicy { Parallelism = 1, Order = "stop-first" },
            WithRegistryAuth = true,
        };
    }

    /// <summary>Pure: null when the running edge service fits; else what differs (its image or port).</summary>
    public static string? Outdated(SwarmService edge, DockerServiceCreateSettings wanted)
    {
        var differences = new[] { EdgeLabels.ServiceImage, EdgeLabels.PublicPort }
            .Where(key => edge.Labels.GetValueOrDefault(key) != wanted.Labels.GetValueOrDefault(key))
            .Select(key => $"{key} {edge.Labels.GetValueOrDefault(key) ?? "absent"} (wanted {wanted.Labels.GetValueOrDefault(key)})")
            .ToArray();
        return differences.Length == 0 ? null : string.Join(", ", differences);
    }
}
