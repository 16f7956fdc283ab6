using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>A release service to create, or the reason there is none (nothing is changed on a refusal).</summary>
public sealed record ClusterReleaseDecision(DockerServiceCreateSettings? Service, Placement? Placement, string? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>
/// The <c>docker service create</c> of one release, as data: the image by digest as the nodes pull it, dnsrr on the
/// environment's overlay network under its active alias, labelled like a release container, hardened like one
/// (read-only root, tmpfs /tmp, no capabilities, memory/CPU limits), placed per <see cref="StatefulPlacement"/> and the
/// environment's constraints.
/// </summary>
public static class ClusterReleasePlan
{
    public static ClusterReleaseDecision Decide(ClusterSnapshot snapshot, ReleaseSpec spec, ReleaseStamp stamp, string pullRepository)
    {
        var config = spec.Config;
        var dataVolume = spec.Id.DataVolume;
        var placement = StatefulPlacement.Decide(new PlacementRequest(spec.App, ClusterConfig.Replicas(config))
        {
            DataVolume = dataVolume,
            Stateful = ClusterConfig.IsStateful(config),
            VolumeNode = StatefulPlacement.NodeHolding(snapshot.Nodes, dataVolume),
            // A first stateful release goes where the manager is: the node the build talks to.
            DefaultVolumeNode = snapshot.Nodes.FirstOrDefault(n => n.Role == SwarmRole.Manager && n.IsAvailable)?.Hostname,
        });
        if (placement.Refused)
            return new ClusterReleaseDecision(null, null, placement.Refusal + " Nothing was changed.");
        var image = $"{pullRepository}@{spec.Digest}";
        var labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release)) { [ClusterNames.PullImageLabel] = image };
        var service = new DockerServiceCreateSettings(spec.Id.ReleaseService(spec.Version, stamp.ReleaseId), image)
        {
            Replicas = placement.Placement!.Replicas,
            EndpointMode = "dnsrr",
            Networks = [$"name={spec.Id.OverlayNetwork()},alias={spec.Id.ActiveAlias()}"],
            Labels = labels,
            ContainerLabels = ReleaseLabels.Owner(spec.Id, ClusterNames.TaskRole),
            Environment = config.Env,
            Mounts = [new ServiceMount(dataVolume, ReleaseNames.DataMountPath), .. config.Volumes.Select(Mount), ServiceMount.Tmpfs(ReleaseNames.TmpMountPath)],
            Constraints = [.. placement.Placement.Constraints, .. config.Constraints],
            HealthCheck = config.HealthCheck is { } timing
                ? new ContainerHealthCheck { Interval = timing.Interval, Timeout = timing.Timeout, StartPeriod = timing.StartPeriod, Retries = timing.Retries }
                : null,
            ReadOnly = config.ReadOnlyRootFilesystem,
            CapDrop = ["ALL"],
            LimitMemory = config.Memory,
            LimitCpu = config.Cpus,
            User = config.User,
            StopGracePeriod = config.DrainTimeout,
            Update = new ServiceUpdatePolicy { Parallelism = config.UpdateParallelism ?? 1, Order = "start-first", FailureAction = "pause" },
            WithRegistryAuth = true,
        };
        return new ClusterReleaseDecision(service, placement.Placement, null);
    }

    private static ServiceMount Mount(string volume)
    {
        var mount = ExtraVolume.Parse(volume);
        return new ServiceMount(mount.Source, mount.Target, mount.ReadOnly, mount.Source.StartsWith('/') ? "bind" : "volume");
    }
}
