namespace Drydock.Deploy;

/// <summary>
/// Reads an environment into an <see cref="EnvironmentSnapshot"/>: one listing of every container labelled with it (one
/// <c>docker ps</c>, one <c>docker inspect</c> of them all) and the history, side by side. Every docker call is a
/// process start, and on a loaded host each costs a tenth of a second that a rollback cannot spare.
/// </summary>
public sealed class EnvironmentReader(EnvironmentContainers containers, IReleaseHistory history)
{
    public async Task<EnvironmentSnapshot> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken)
    {
        var listing = containers.ListAsync(environment, role: null, cancellationToken);
        var reading = history.ReadAsync(environment, cancellationToken);
        await Task.WhenAll(listing, reading);
        return new EnvironmentSnapshot(environment, await listing, await reading);
    }

    /// <summary>The containers read again after a step changed them; the history is unchanged (only a finished run appends to it).</summary>
    public async Task<EnvironmentSnapshot> RelistAsync(EnvironmentSnapshot snapshot, CancellationToken cancellationToken) =>
        new(snapshot.Id, await containers.ListAsync(snapshot.Id, role: null, cancellationToken), snapshot.History);
}
