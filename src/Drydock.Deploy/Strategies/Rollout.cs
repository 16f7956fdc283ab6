using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>What a strategy needs to run: the docker calls, the health waiter, the log and the clock.</summary>
public sealed record DeployContext(EnvironmentContainers Containers, HealthWaiter Health, IBuildLog Log, TimeProvider Time);

/// <summary>One release to bring up: its spec and stamp, the environment as read under the lock, and the secret values for its env file.</summary>
public sealed record Rollout(DeployContext Context, ReleaseSpec Spec, ReleaseStamp Stamp, EnvironmentSnapshot Snapshot, IReadOnlyDictionary<string, string> SecretValues)
{
    /// <summary>The container serving now; null on a first deploy.</summary>
    public ContainerState? Serving => Snapshot.Serving?.Container;

    /// <summary>The release container this rollout creates.</summary>
    public ContainerName Container => new(Spec.Id.ReleaseContainer(Spec.Version, Stamp.ReleaseId));
}

/// <summary>The container now serving, and how long the service was unavailable during the swap (null when nothing served before).</summary>
public sealed record RolloutResult(string Container, TimeSpan? SwapGap, HealthVerdict Health)
{
    /// <summary>Where the new release answers, e.g. <c>http://127.0.0.1:8080/health/ready</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>What the strategy did, for the deploy's closing line (e.g. "switched at the edge; 1.0.0 drained in 0.1s").</summary>
    public string? Summary { get; init; }

    /// <summary>The verification window's verdict after the switch; null when none ran.</summary>
    public VerificationVerdict? Verification { get; init; }

    /// <summary>What the rollout did to certificates (issued, renewed), for the history record; null: nothing.</summary>
    public string? Certificates { get; init; }
}
