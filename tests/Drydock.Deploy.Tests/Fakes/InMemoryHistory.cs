namespace Drydock.Deploy.Tests;

internal sealed class InMemoryHistory : IReleaseHistory
{
    public List<HistoryRecord> Records { get; } = [];

    public Task<IReadOnlyList<HistoryRecord>> ReadAsync(string app, string environment, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HistoryRecord>>(Records.Where(r => r.App == app && r.Environment == environment).ToList());

    public Task AppendAsync(HistoryRecord record, CancellationToken cancellationToken)
    {
        Records.Add(record);
        return Task.CompletedTask;
    }
}
