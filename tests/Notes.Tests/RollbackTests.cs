using System.Net;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

/// <summary>
/// A rollback runs this code on a volume a newer version already migrated: it must keep reading and writing.
/// </summary>
public sealed class RollbackTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_current_code_works_on_a_schema_migrated_by_a_newer_version()
    {
        await using (var app = new NotesAppFactory(_data.Path))
            app.CreateClient().Dispose();

        // What a newer version might have done: an additive column and table, its migration recorded, its own data.
        Sqlite.Execute(_data.DatabasePath, """
            ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE note_tags (note_id INTEGER NOT NULL REFERENCES notes (id), tag TEXT NOT NULL);
            INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000+00:00');
            INSERT INTO notes (text, created_at, pinned) VALUES ('written by a newer version', '2030-01-01T00:00:00.0000000+00:00', 1);
            INSERT INTO note_tags (note_id, tag) VALUES (last_insert_rowid(), 'future');
            PRAGMA user_version = 42;
            """);

        await using (var rolledBack = new NotesAppFactory(_data.Path))
        {
            using var client = rolledBack.CreateClient();

            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

            using var list = await client.GetAsync("/notes");
            Assert.Equal(["written by a newer version"], (await list.ReadAsAsync<NoteDto[]>()).Select(n => n.Text));

            using var created = await client.PostNoteAsync("written by the older version");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Nothing of the newer version was undone, and its column got its default on the older code's insert.
        Assert.Contains(99L, Sqlite.Query<long>(_data.DatabasePath, "SELECT version FROM schema_migrations"));
        Assert.Equal([1L, 0L], Sqlite.Query<long>(_data.DatabasePath, "SELECT pinned FROM notes ORDER BY id"));
        Assert.Equal(["future"], Sqlite.Query<string>(_data.DatabasePath, "SELECT tag FROM note_tags"));
        Assert.Equal([42L], Sqlite.Query<long>(_data.DatabasePath, "PRAGMA user_version"));
    }
}
