namespace Drydock.Deploy;

public enum ReleaseAction
{
    Deploy,
    Rollback,

    /// <summary>A fresh container of the release that served, from the same digest and configuration, because the one serving had drifted from it.</summary>
    Redeploy,
}

/// <summary>What makes one release of a spec unique: its id, when and by whom, why, and the local image id it ran.</summary>
public sealed record ReleaseStamp(string ReleaseId, DateTimeOffset DeployedAt, string DeployedBy, ReleaseAction Action, string ImageId);

/// <summary>A release as recorded in a container's labels.</summary>
public sealed record RecordedRelease(ReleaseSpec Spec, ReleaseStamp Stamp);
