namespace Drydock.Docker;

/// <summary>
/// What an environment says about one service's state: its data volume (if any), whether it declared itself
/// stateless, how many replicas it asks for, and which node holds the volume today (from the nodes' labels).
/// </summary>
public sealed record PlacementRequest(string Service, int Replicas)
{
    /// <summary>The named volume holding the service's data (its SQLite file); null for a service without one.</summary>
    public string? DataVolume { get; init; }

    /// <summary>The environment's <c>"stateful"</c>; null means the default: stateful exactly when there is a data volume.</summary>
    public bool? Stateful { get; init; }

    /// <summary>The hostname of the node labelled as holding <see cref="DataVolume"/>, null when none is yet.</summary>
    public string? VolumeNode { get; init; }

    /// <summary>Where a volume goes when no node holds it yet (the manager, usually).</summary>
    public string? DefaultVolumeNode { get; init; }
}

/// <summary>Where a service's tasks may run: replicas, constraints, and a node label to set first (the volume's home).</summary>
public sealed record Placement(int Replicas, IReadOnlyList<string> Constraints)
{
    /// <summary>Label the node must carry before the service is created (node hostname, label key, value); null when none.</summary>
    public (string Node, string Key, string Value)? NodeLabel { get; init; }
}

/// <summary>Either a placement or the reason there is none (nothing is changed on a refusal).</summary>
public sealed record PlacementDecision(Placement? Placement, string? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>
/// A service's SQLite file cannot live on several nodes: a stateful service gets one replica, pinned by a node label to
/// the node that holds its volume; asking it for more is refused with the reason. Stateless services scale freely.
/// </summary>
public static class StatefulPlacement
{
    /// <summary>The node label naming the volume a node holds: <c>node.labels.dev.drydock.volume.notes-data==true</c>.</summary>
    public const string VolumeLabelPrefix = "dev.drydock.volume.";

    public static PlacementDecision Decide(PlacementRequest request)
    {
        if (request.Replicas < 0)
            return Refuse($"{request.Service}: replicas must be 0 or more, not {request.Replicas}.");
        var stateful = request.Stateful ?? request.DataVolume is not null;
        if (!stateful)
            return new PlacementDecision(new Placement(request.Replicas, []), null);
        if (request.DataVolume is null)
            return Refuse($"{request.Service} is declared stateful but has no data volume to place it by: add its volume, or declare \"stateful\": false.");
        if (request.Replicas > 1)
            return Refuse(
                $"{request.Service} is stateful (its data volume {request.DataVolume} holds a SQLite file that cannot live on several nodes) and runs 1 replica, " +
                $"not {request.Replicas}: set \"replicas\": 1, or declare \"stateful\": false if the app keeps no state in the volume.");
        var node = request.VolumeNode ?? request.DefaultVolumeNode;
        if (node is null)
            return Refuse($"{request.Service}: no node holds the volume {request.DataVolume} yet and no default node was given: label one (docker node update --label-add {VolumeLabelPrefix}{request.DataVolume}=true <node>).");
        var key = VolumeLabelPrefix + request.DataVolume;
        var constraint = $"node.labels.{key}==true";
        return new PlacementDecision(
            new Placement(request.Replicas, [constraint]) { NodeLabel = request.VolumeNode is null ? (node, key, "true") : null },
            null);
    }

    /// <summary>The hostname of the node whose labels say it holds the volume, if any.</summary>
    public static string? NodeHolding(IEnumerable<SwarmNode> nodes, string volume) =>
        nodes.FirstOrDefault(n => n.Labels.TryGetValue(VolumeLabelPrefix + volume, out var value) && value == "true")?.Hostname;

    private static PlacementDecision Refuse(string reason) => new(null, reason);
}
