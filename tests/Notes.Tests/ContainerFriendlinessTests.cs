using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

/// <summary>What a read-only root filesystem needs: nothing that writes outside DATA_DIR and /tmp.</summary>
public sealed class ContainerFriendlinessTests
{
    [Fact]
    public async Task Data_protection_is_not_registered_so_no_key_ring_is_written_to_the_home_directory()
    {
        using var data = new TempDataDirectory();
        await using var app = new NotesAppFactory(data.Path);
        app.CreateClient().Dispose();

        Assert.Null(app.Services.GetService<IDataProtectionProvider>());
    }

    [Fact]
    public async Task Only_the_data_directory_is_written()
    {
        using var data = new TempDataDirectory();
        await using (var app = new NotesAppFactory(data.Path))
        {
            using var client = app.CreateClient();
            (await client.PostNoteAsync("hello")).Dispose();
        }

        await Eventually.AssertAsync(
            () => Directory.GetFiles(data.Path).Select(Path.GetFileName).SequenceEqual(["notes.db"]),
            "after a clean stop only notes.db remains in DATA_DIR");
    }

    [Fact]
    public async Task An_unusable_DATA_DIR_ends_the_process_with_exit_code_1_and_a_json_critical_line()
    {
        using var data = new TempDataDirectory();
        var notADirectory = Path.Combine(data.Path, "a-file");
        File.WriteAllText(notADirectory, "");

        var run = await NotesProcess.RunAsync([], new Dictionary<string, string>
        {
            ["DATA_DIR"] = notADirectory,
            ["ASPNETCORE_HTTP_PORTS"] = "0",
        });

        Assert.Equal(1, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var critical = lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Single(entry => entry.GetProperty("LogLevel").GetString() == "Critical");
        Assert.Contains("DATA_DIR", critical.GetProperty("Message").GetString());
    }
}
