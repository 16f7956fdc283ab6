namespace Drydock.Deploy;

/// <summary>Where an environment's history lives: with the environment on its engine, not in a working tree.</summary>
public interface IReleaseHistory
{
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken);

    /// <summary>Called under the environment's deploy lock, so appends never race.</summary>
    Task AppendAsync(HistoryRecord record, CancellationToken cancellationToken);
}
