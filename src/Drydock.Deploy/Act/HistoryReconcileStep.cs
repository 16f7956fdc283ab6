using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Carries out a <see cref="HistoryReconciliation"/>: appends the record an interrupted run never wrote, then applies
/// retention, which that run never reached either (a deploy that finds nothing to do would not prune).
/// </summary>
public static class HistoryReconcileStep
{
    public static async Task RunAsync(DeployContext context, IReleaseHistory history, (EnvironmentId Id, HistoryRecord Record) missing, int keepReleases, CancellationToken cancellationToken)
    {
        var (id, record) = missing;
        context.Log.Write(LogLevel.Warning,
            $"{record.Container} ({record.Version}) serves {record.Environment} but the history does not know it (the run that deployed it was interrupted): recording it as a {record.Action.ToString().ToLowerInvariant()} by an interrupted run");
        await history.AppendAsync(id, record, cancellationToken);
        await new ReleasePruner(context.Containers, context.Log).PruneAsync(id, record.Container, keepReleases, cancellationToken);
    }
}
