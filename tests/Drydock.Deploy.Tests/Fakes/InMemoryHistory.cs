namespace Drydock.Deploy.Tests;

internal sealed class InMemoryHistory : IReleaseHistory
{
    public List<HistoryRecord> Records { get; } = [];

    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(EnvironmentId environment, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryRecord>>(Records.Where(r => r.App == environment.App && r.Environment == environment.Name).ToList());

    public Task AppendAsync(EnvironmentId environment, HistoryRecord record, CancellationToken cancellationToken)
    {
        Records.Add(record);
        return Task.CompletedTask;
    }
}
