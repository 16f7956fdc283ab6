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
        var stateful = ClusterConfig.IsStateful(config);
        var volumeNode = StatefulPlacement.NodeHolding(snapshot.Nodes, dataVolume);
        if (stateful && volumeNode is null && VolumeLost(snapshot, dataVolume) is { } lost)
            return new ClusterReleaseDecision(null, null, lost + " Nothing was changed.");
        var placement = StatefulPlacement.Decide(new PlacementRequest(spec.App, ClusterConfig.Replicas(config))
        {
            DataVolume = dataVolume,
            Stateful = stateful,
            VolumeNode = volumeNode,
            // A first stateful release goes where the manager is: the node the build talks to.
            DefaultVolumeNode = snapshot.Nodes.FirstOrDefault(n => n.Role == SwarmRole.Manager && n.IsAvailable)?.Hostname,
        });
        if (placement.Refused)
            return new ClusterReleaseDecision(null, null, placement.Refusal + " Nothing was changed.");
        var image = $"{pullRepository}@{spec.Digest}";
        var labels = new Dictionary<string, string>(ReleaseLabels.ForRelease(spec, stamp, ContainerRole.Release)) { [ClusterNames.PullImageLabel] = image };
        if (stateful && (placement.Placement!.NodeLabel?.Node ?? volumeNode) is { } dataNode)
            labels[ClusterNames.DataNodeLabel] = dataNode;
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

    /// <summary>
    /// Why no node holding the volume is not a first release: an earlier stateful release ran on the volume, so its data
    /// is on a node that lost the label (removed, or re-joined without its labels). Placing anyway would start on an empty volume.
    /// </summary>
    private static string? VolumeLost(ClusterSnapshot snapshot, string dataVolume)
    {
        var constraint = $"node.labels.{StatefulPlacement.VolumeLabelPrefix}{dataVolume}==true";
        var earlier = snapshot.Releases.Where(r => r.Service.Constraints.Contains(constraint)).OrderByDescending(r => r.DeployedAt).FirstOrDefault();
        if (earlier is null)
            return null;
        var label = $"{StatefulPlacement.VolumeLabelPrefix}{dataVolume}=true";
        var node = earlier.Service.Labels.GetValueOrDefault(ClusterNames.DataNodeLabel);
        var where = node is null
            ? $"an unrecorded node (release {earlier.Version} ran there)"
            : snapshot.Nodes.Any(n => n.Hostname == node)
                ? $"{node} (release {earlier.Version} ran there); {node} is in the swarm but no longer carries the label {label} (re-joined?)"
                : $"{node} (release {earlier.Version} ran there); {node} is no longer in the swarm (removed?)";
        var fix = node is not null && snapshot.Nodes.Any(n => n.Hostname == node)
            ? $"docker node update --label-add {label} {node}"
            : $"docker node update --label-add {label} <node>";
        return $"{snapshot.Id.App}: no node holds the data volume {dataVolume}, and a new release would start on an empty one. " +
               $"{dataVolume} was on {where}. Label the node that holds the volume's data ({fix}), after moving the volume there if " +
               "it is a new node; to start with no data on purpose, label the node it should live on.";
    }

    private static ServiceMount Mount(string volume)
    {
        var mount = ExtraVolume.Parse(volume);
        return new ServiceMount(mount.Source, mount.Target, mount.ReadOnly, mount.Source.StartsWith('/') ? "bind" : "volume");
    }
}
