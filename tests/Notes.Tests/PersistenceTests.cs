using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Notes.Storage;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Notes_survive_a_restart_on_the_same_data_directory()
    {
        NoteDto first;
        await using (var app = new NotesAppFactory(_data.Path))
        {
            using var client = app.CreateClient();
            using var created = await client.PostNoteAsync("kept across restarts");
            first = await created.ReadAsAsync<NoteDto>();
        }

        await using (var restarted = new NotesAppFactory(_data.Path))
        {
            using var client = restarted.CreateClient();
            using var fetched = await client.GetAsync($"/notes/{first.Id}");
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(first, await fetched.ReadAsAsync<NoteDto>());

            using var second = await client.PostNoteAsync("after the restart");
            Assert.True((await second.ReadAsAsync<NoteDto>()).Id > first.Id, "ids are never reused");
        }
    }

    [Fact]
    public async Task Stopping_checkpoints_the_wal_into_the_database_file()
    {
        await using (var app = new NotesAppFactory(_data.Path))
        {
            using var client = app.CreateClient();
            (await client.PostNoteAsync("checkpointed")).Dispose();
            Assert.True(File.Exists(_data.DatabasePath + "-wal"), "while running, commits go to the WAL");
        }

        await Eventually.AssertAsync(
            () => new FileInfo(_data.DatabasePath + "-wal") is var wal && (!wal.Exists || wal.Length == 0),
            "after a clean stop the WAL is empty or gone");
        Assert.Equal(["checkpointed"], Sqlite.Query<string>(_data.DatabasePath, "SELECT text FROM notes"));
    }

    [Fact]
    public async Task Migrations_are_recorded_once_however_often_the_service_starts()
    {
        for (var start = 0; start < 3; start++)
        {
            await using var app = new NotesAppFactory(_data.Path);
            using var client = app.CreateClient();
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var expected = Migrations.All.Select(m => (long)m.Version).ToList();
        Assert.Equal(expected, Sqlite.Query<long>(_data.DatabasePath, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task The_database_is_in_wal_mode_and_every_connection_syncs_fully()
    {
        await using var app = new NotesAppFactory(_data.Path);
        using var client = app.CreateClient();

        using var connection = app.Services.GetRequiredService<NotesDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, command.ExecuteScalar()); // 2 = FULL
    }

    [Fact]
    public void Start_is_refused_with_a_critical_log_naming_DATA_DIR_when_the_data_directory_cannot_be_created()
    {
        var blocker = Path.Combine(_data.Path, "a-file");
        File.WriteAllText(blocker, "");
        var logs = new CapturedLogs();

        using var app = new NotesAppFactory(Path.Combine(blocker, "data"), testServices: s => s.AddSingleton<ILoggerProvider>(logs));

        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("DATA_DIR", critical.Message);
    }
}
