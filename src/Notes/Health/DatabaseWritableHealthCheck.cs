using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Notes.Storage;

namespace Notes.Health;

/// <summary>
/// Ready means a write really commits: file permissions are no test when the process runs as root, but a commit
/// fails for root too when the volume is read-only, full, unmounted or the database file is gone.
/// </summary>
internal sealed class DatabaseWritableHealthCheck(NotesDatabase database, TimeProvider clock) : IHealthCheck
{
    // A probe that waits on a long write lock is a failed probe; do not hold the orchestrator for the full default.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = database.Open(BusyTimeout);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO readiness_probe (id, checked_at) VALUES (1, $now)
                ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at
                """;
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O"));
            command.ExecuteNonQuery();
            return Task.FromResult(HealthCheckResult.Healthy("database open and writable"));
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("database is not writable", e));
        }
    }
}
