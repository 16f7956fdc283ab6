using Microsoft.Data.Sqlite;

namespace Notes.Storage;

/// <summary>
/// Brings a database up to the schema this code knows, recording each step in <c>schema_migrations</c>.
/// </summary>
/// <remarks>
/// Idempotent: a step already recorded is skipped. Steps recorded by a newer version of the code are left alone and
/// tolerated (the rollback case): the schema is additive, so this code still finds every table and column it uses.
/// </remarks>
internal static class SchemaMigrator
{
    public sealed record Outcome(IReadOnlyList<int> Applied, IReadOnlyList<int> UnknownNewer);

    public static Outcome Migrate(SqliteConnection connection, IReadOnlyList<Migration> migrations, DateTimeOffset now)
    {
        // BEGIN IMMEDIATE: two instances starting on one volume take turns instead of both applying a step.
        using var transaction = connection.BeginTransaction(deferred: false);

        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);

        var recorded = RecordedVersions(connection);
        var applied = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            if (recorded.Contains(migration.Version))
                continue;
            Execute(connection, migration.Sql);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $appliedAt)";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$appliedAt", now.ToString("O"));
            record.ExecuteNonQuery();
            applied.Add(migration.Version);
        }

        transaction.Commit();

        var known = migrations.Select(m => m.Version).ToHashSet();
        return new Outcome(applied, recorded.Where(v => !known.Contains(v)).Order().ToList());
    }

    private static HashSet<int> RecordedVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
