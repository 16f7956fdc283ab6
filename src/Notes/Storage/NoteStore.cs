using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notes.Storage;

/// <summary>Reads and writes notes. Every query names its columns, so newer columns from a later version are ignored.</summary>
internal sealed class NoteStore(NotesDatabase database, TimeProvider clock)
{
    private const string Columns = "id, text, created_at";

    /// <summary>Stores a note; when this returns, the commit is on disk.</summary>
    public Note Add(string text)
    {
        using var connection = database.Open();
        // An explicit transaction, so a failed commit throws here instead of being lost in a statement reset.
        using var transaction = connection.BeginTransaction();
        Note note;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"INSERT INTO notes (text, created_at) VALUES ($text, $createdAt) RETURNING {Columns}";
            command.Parameters.AddWithValue("$text", text);
            command.Parameters.AddWithValue("$createdAt", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            using var reader = command.ExecuteReader();
            reader.Read();
            note = Read(reader);
        }
        transaction.Commit();
        return note;
    }

    /// <summary>All notes, newest first (ids only grow, so id order is creation order even if the clock moved back).</summary>
    public IReadOnlyList<Note> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM notes ORDER BY id DESC";
        using var reader = command.ExecuteReader();
        var notes = new List<Note>();
        while (reader.Read())
            notes.Add(Read(reader));
        return notes;
    }

    public Note? Find(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM notes WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static Note Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        DateTimeOffset.ParseExact(reader.GetString(2), "O", CultureInfo.InvariantCulture, DateTimeStyles.None));
}
