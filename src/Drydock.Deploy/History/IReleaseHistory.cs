namespace Drydock.Deploy;

/// <summary>Where an environment's history lives: with the environment on its engine, not in a working tree.</summary>
public interface IReleaseHistory
{
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken);

    /// <summary>Called under the environment's deploy lock, so appends never race.</summary>
    /// <param name="environment">The record's environment with its names resolved (<see cref="EnvironmentNaming"/>).</param>
    Task AppendAsync(EnvironmentId environment, HistoryRecord record, CancellationToken cancellationToken);
}
