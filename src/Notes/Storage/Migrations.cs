namespace Notes.Storage;

/// <summary>
/// The schema, as the ordered list of steps that built it.
/// </summary>
/// <remarks>
/// Rollback depends on these rules, because an older image must keep working on a volume a newer one has migrated:
/// append only (never edit, renumber or remove an entry); additive only (never DROP or RENAME anything); a new column
/// is nullable or has a DEFAULT, so older code's INSERTs still succeed; and queries name their columns (no SELECT *),
/// so columns older code does not know about are simply not read.
/// </remarks>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "create notes", """
            CREATE TABLE notes (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                text       TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
        // The readiness probe commits a write here, so "ready" means a commit really reached the volume.
        new(2, "create readiness_probe", """
            CREATE TABLE readiness_probe (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                checked_at TEXT NOT NULL
            );
            """),
    ];
}
