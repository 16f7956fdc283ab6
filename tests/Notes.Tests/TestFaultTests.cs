using System.Net;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

/// <summary>NOTES_TEST_FAIL_WRITES: the release Drydock's verification tests deploy as "bad" — healthy, yet every write fails.</summary>
public sealed class TestFaultTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task With_the_switch_every_write_is_500_while_reads_and_health_stay_green()
    {
        using var app = new NotesAppFactory(_data.Path, new Dictionary<string, string?> { ["NOTES_TEST_FAIL_WRITES"] = "true" });
        using var client = app.CreateClient();

        using var write = await client.PostNoteAsync("hello");
        using var read = await client.GetAsync("/notes");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.InternalServerError, write.StatusCode);
        Assert.Contains("NOTES_TEST_FAIL_WRITES", await write.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Without_it_writes_work()
    {
        using var app = new NotesAppFactory(_data.Path, new Dictionary<string, string?> { ["NOTES_TEST_FAIL_WRITES"] = "false" });
        using var client = app.CreateClient();

        using var write = await client.PostNoteAsync("hello");

        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }
}
