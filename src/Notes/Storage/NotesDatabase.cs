using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Notes.Storage;

/// <summary>
/// The SQLite database on the data volume: created and migrated at start, opened per unit of work, checkpointed at stop.
/// </summary>
internal sealed class NotesDatabase(IOptions<StorageOptions> options, TimeProvider clock, ILogger<NotesDatabase> logger) : IDisposable
{
    private readonly StorageOptions _options = options.Value;
    private readonly Lock _gate = new();

    // Held open from Initialize to Dispose. While it lives, closing a unit-of-work connection is never the last close,
    // so SQLite does not checkpoint and delete the WAL after every request; its own close at stop does that once.
    private SqliteConnection? _anchor;

    public string FilePath => _options.DatabasePath;

    /// <summary>Creates the directory and file if needed, switches to WAL and runs the migrations.</summary>
    /// <exception cref="StorageUnavailableException">The data directory or database cannot be written.</exception>
    public void Initialize()
    {
        lock (_gate)
        {
            if (_anchor is not null)
                return;

            var anchor = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWriteCreate));
            try
            {
                Directory.CreateDirectory(_options.DataDirectory);
                anchor.Open();
                // WAL is recorded in the file itself, so every later connection uses it too.
                Execute(anchor, "PRAGMA journal_mode = WAL;");
                ApplyConnectionSettings(anchor);
                var outcome = SchemaMigrator.Migrate(anchor, Migrations.All, clock.GetUtcNow());
                logger.LogInformation(
                    "Database {Path} ready; applied migrations [{Applied}], schema knows up to {Known}",
                    FilePath, string.Join(", ", outcome.Applied), Migrations.All.Max(m => m.Version));
                if (outcome.UnknownNewer.Count > 0)
                    logger.LogWarning(
                        "Database has migrations [{Unknown}] from a newer version of the service; running on it as-is (rollback)",
                        string.Join(", ", outcome.UnknownNewer));
            }
            catch (Exception e)
            {
                anchor.Dispose();
                if (e is not (SqliteException or IOException or UnauthorizedAccessException))
                    throw;
                throw new StorageUnavailableException(
                    $"Cannot open {FilePath} for writing: {StorageOptions.DataDirectoryVariable} must name a writable " +
                    $"directory (in the image, the /data volume, writable by uid 1654). {e.Message}", e);
            }

            _anchor = anchor;
        }
    }

    /// <summary>
    /// A fresh connection for one unit of work. Unpooled and never creating the file: if the database vanished from
    /// under the service, this fails loudly instead of recreating it empty or writing through a stale handle.
    /// </summary>
    public SqliteConnection Open(TimeSpan? busyTimeout = null)
    {
        if (_anchor is null)
            throw new InvalidOperationException("The database is not initialised (or already closed).");

        var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWrite, busyTimeout));
        try
        {
            connection.Open();
            ApplyConnectionSettings(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Checkpoints the WAL into the main file and closes, so the volume holds one self-contained file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_anchor is null)
                return;
            try
            {
                Execute(_anchor, "PRAGMA wal_checkpoint(TRUNCATE);");
                logger.LogInformation("Database {Path} checkpointed and closed", FilePath);
            }
            catch (SqliteException e)
            {
                // Nothing acknowledged is lost: committed transactions are already durable in the WAL.
                logger.LogWarning(e, "Checkpoint of {Path} at shutdown failed", FilePath);
            }
            finally
            {
                _anchor.Dispose();
                _anchor = null;
            }
        }
    }

    private string ConnectionString(SqliteOpenMode mode, TimeSpan? busyTimeout = null) => new SqliteConnectionStringBuilder
    {
        DataSource = FilePath,
        Mode = mode,
        Pooling = false,
        // Microsoft.Data.Sqlite retries a busy database for this long before failing the command.
        DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
    }.ToString();

    // Per-connection settings: FULL makes every acknowledged commit reach the disk, not only the OS cache.
    private static void ApplyConnectionSettings(SqliteConnection connection) =>
        Execute(connection, "PRAGMA synchronous = FULL;");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
