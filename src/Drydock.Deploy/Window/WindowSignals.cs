using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>The window signal container (<see cref="WindowSignal"/>): sent by Promote and Rollback, read by the window each tick.</summary>
public static class WindowSignals
{
    /// <summary>The id of the lock a snapshot read under the lock shows: this run's own.</summary>
    public static string? LockIdOf(EnvironmentSnapshot snapshot) =>
        snapshot.LockContainer is { } held ? LockInfo.FromLabels(held.Labels, held.Created).LockId : null;

    /// <summary>The signal as it stands; null when there is none (or it is not a whole signal).</summary>
    public static async Task<WindowSignal?> ReadAsync(EnvironmentContainers containers, EnvironmentId environment, CancellationToken cancellationToken) =>
        await containers.InspectAsync(environment.WindowSignal, cancellationToken) is { } container ? WindowSignal.FromLabels(container.Labels) : null;

    /// <summary>
    /// Creates the signal. One left by an earlier run (another lock) is replaced; one already sent to this deploy stands:
    /// asking the same again is no error, asking the opposite is refused naming what was asked first.
    /// </summary>
    public static async Task SendAsync(EnvironmentContainers containers, IBuildLog log, EnvironmentId environment, WindowSignal signal, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(ReleaseLabels.Owner(environment, WindowSignal.Role));
        foreach (var (key, value) in signal.ToLabels())
            labels[key] = value;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var created = await HolderImage.CreateContainerAsync(containers.Docker, log, HolderImage.Container(environment.WindowSignal, labels, []), cancellationToken);
            if (created.Succeeded)
                return;
            var existing = await ReadAsync(containers, environment, cancellationToken);
            if (existing?.LockId == signal.LockId)
            {
                if (existing.Action == signal.Action)
                    return;
                throw new DeployException($"{existing.By} already asked this deploy's window to end with {existing.Command} at {existing.At.UtcDateTime:HH:mm:ss} UTC; that stands. Nothing was changed.");
            }
            // Left by an earlier run (or damaged): it can never reach this deploy, so it goes.
            await containers.RemoveAsync([environment.WindowSignal], cancellationToken);
        }
        throw new DeployException($"Could not create the window signal {environment.WindowSignal}: another run keeps creating it.");
    }

    /// <summary>Removes the signal if it was sent to the deploy holding <paramref name="lockId"/>; another run's is left alone.</summary>
    public static async Task ClearAsync(EnvironmentContainers containers, EnvironmentId environment, string lockId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(containers, environment, cancellationToken) is { } signal && signal.LockId == lockId)
            await containers.RemoveAsync([environment.WindowSignal], cancellationToken);
    }
}
