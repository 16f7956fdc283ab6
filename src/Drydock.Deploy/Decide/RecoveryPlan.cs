namespace Drydock.Deploy;

/// <summary>
/// What to clean up after a run that was killed (Ctrl-C, SIGKILL, a lost runner), decided under the lock before every
/// deploy and rollback so no one has to clean up by hand: candidates and never-started release containers are removed,
/// and if nothing serves (killed between stopping the old container and starting the new one) the release that served
/// last is started again.
/// </summary>
/// <param name="RemoveCandidates">Candidates left by an interrupted replace; they never outlive a deploy.</param>
/// <param name="RemoveNeverStarted">Release containers an interrupted run created but never started.</param>
/// <param name="Restart">The release that served last, when nothing serves; null otherwise.</param>
/// <param name="RestartProbe">Where the restarted release answers its health path; null behind an edge (the host cannot reach it, Docker's health alone).</param>
public sealed record RecoveryPlan(
    IReadOnlyList<ContainerState> RemoveCandidates, IReadOnlyList<ContainerState> RemoveNeverStarted, ContainerState? Restart, EnvironmentConfig RestartConfig, Uri? RestartProbe)
{
    public bool NothingToDo => RemoveCandidates.Count == 0 && RemoveNeverStarted.Count == 0 && Restart is null;

    public static RecoveryPlan Decide(EnvironmentSnapshot snapshot)
    {
        var neverStarted = snapshot.Releases.Where(r => r.Container is { NeverStarted: true, Running: false }).ToList();
        var started = snapshot.Releases.Except(neverStarted).ToList();
        var restart = started.Count > 0 && !started.Any(r => r.Container.Running) ? started.MaxBy(r => r.Container.FinishedAt) : null;
        var config = restart?.Recorded?.Spec.Config ?? new EnvironmentConfig();
        var probe = restart is null || ReleasePlacement.IsBehindEdge(restart.Container.Labels) ? null : ProbeAddress.For(config, config.HostPort, config.Bind);
        return new RecoveryPlan(snapshot.Candidates, neverStarted.Select(r => r.Container).ToList(), restart?.Container, config, probe);
    }
}
