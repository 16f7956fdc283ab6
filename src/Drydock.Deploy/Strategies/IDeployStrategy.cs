namespace Drydock.Deploy;

/// <summary>
/// How a verified release takes over from the serving one: <see cref="EdgeStrategy"/> (an edge switches its route,
/// the default) or <see cref="ReplaceStrategy"/> (stop-first swap of the published port). The manager does everything
/// around it: image, lock, reading the environment, recovery, history, retention. A strategy adds its own view to the
/// snapshot (<see cref="ReadAsync"/>), repairs its own machinery, judges "already serves" from the snapshot alone, and
/// rolls a release out.
/// </summary>
public interface IDeployStrategy
{
    string Name { get; }

    /// <summary>
    /// Whether the environment's port and bind belong to the strategy's own machinery (the edge holds today's port)
    /// rather than to each release (recorded with it). A rollback takes today's port and bind when this is true.
    /// </summary>
    bool OwnsPort { get; }

    /// <summary>Adds what only this strategy can read (e.g. the edge's route table) to a snapshot read under the lock.</summary>
    Task<EnvironmentSnapshot> ReadAsync(DeployContext context, EnvironmentSnapshot snapshot, EnvironmentConfig config, CancellationToken cancellationToken) =>
        Task.FromResult(snapshot);

    /// <summary>
    /// Under the lock, after <see cref="RecoveryPlan"/> was carried out: puts right what this strategy's own machinery was
    /// left in by an interrupted run or a hand edit (e.g. an edge routing to a container that is gone). Nothing by default.
    /// Returns whether anything was started, stopped, removed or switched (then the snapshot is out of date).
    /// </summary>
    Task<bool> RepairAsync(DeployContext context, EnvironmentSnapshot snapshot, EnvironmentConfig config, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>
    /// Pure: whether <paramref name="serving"/>, already made from the same digest and configuration, serves the
    /// environment exactly as a deploy of this strategy would leave it; then a deploy has nothing to do.
    /// </summary>
    bool Serves(EnvironmentSnapshot snapshot, ContainerState serving, ReleaseSpec spec) => ServingRelease.Answers(serving);

    /// <summary>
    /// Brings <see cref="Rollout.Spec"/> up healthy in place of <see cref="Rollout.Serving"/>, or throws leaving the
    /// serving release serving (restarted if the strategy had stopped it). Never leaves the environment with nothing running
    /// that was running before.
    /// </summary>
    Task<RolloutResult> RollOutAsync(Rollout rollout, CancellationToken cancellationToken);
}
