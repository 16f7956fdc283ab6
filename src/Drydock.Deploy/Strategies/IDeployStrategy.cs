namespace Drydock.Deploy;

/// <summary>
/// How a verified release takes over from the serving one. <see cref="ReplaceStrategy"/> (stop-first swap on one
/// engine) is the only one today; a Swarm service update or a zero-downtime proxy edge would be others. The manager
/// does everything around it: image, lock, recovery, history, retention.
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
}
