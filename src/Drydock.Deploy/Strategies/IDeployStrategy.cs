namespace Drydock.Deploy;

/// <summary>
/// How a verified release takes over from the serving one: <see cref="EdgeStrategy"/> (an edge switches its route,
/// the default) or <see cref="ReplaceStrategy"/> (stop-first swap of the published port). The manager does everything
/// around it: image, lock, recovery, history, retention.
/// </summary>
public interface IDeployStrategy
{
    string Name { get; }

    /// <summary>
    /// Brings <see cref="Rollout.Spec"/> up healthy in place of <see cref="Rollout.Serving"/>, or throws leaving the
    /// serving release serving (restarted if the strategy had stopped it). Never leaves the environment with nothing running
    /// that was running before.
    /// </summary>
    Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken);

    /// <summary>
    /// Under the lock, after <see cref="InterruptedRunRecovery"/>: puts right what this strategy's own machinery was left
    /// in by an interrupted run or a hand edit (e.g. an edge routing to a container that is gone). Nothing by default.
    /// Returns whether a release container was started, stopped or removed (then <see cref="RepairRequest.Releases"/> is out of date).
    /// </summary>
    Task<bool> RepairAsync(RepairRequest request, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>
    /// Whether <paramref name="serving"/>, already made from the same digest and configuration, serves the environment
    /// exactly as a deploy of this strategy would leave it: then a deploy has nothing to do.
    /// </summary>
    Task<bool> ServesAsync(DeployContext context, ContainerState serving, ReleaseSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(serving.Running && serving.HealthStatus is null or "healthy");
}

/// <summary>What a strategy's repair works from: the environment, today's configuration, and the history's view of which containers served.</summary>
/// <param name="LastSucceededContainer">The container of the last successful deploy or rollback.</param>
/// <param name="RecordedContainers">Every container the history records as having served successfully.</param>
/// <param name="Releases">The environment's release containers, as listed under the lock after recovery.</param>
/// <param name="Others">The environment's other containers (edge, lock, state holder) from the same listing.</param>
public sealed record RepairRequest(
    DeployContext Context, string App, string Environment, EnvironmentConfig Config, string? LastSucceededContainer, IReadOnlySet<string> RecordedContainers,
    IReadOnlyList<ContainerState> Releases, IReadOnlyList<ContainerState> Others);
