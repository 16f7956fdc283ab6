using System.Net;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

public sealed class HealthTests : IDisposable
{
    private readonly NotesTestHost _host = new();

    private HttpClient Client => _host.Client;

    private TempDataDirectory Data => _host.Data;

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Both_probes_are_200_on_a_working_volume(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    // Tests run as root, which ignores permission bits, so the volume is broken in ways root cannot write through:
    // the directory vanishes (an unmounted or wiped volume) or something that is not a directory takes its place.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ready_is_503_and_live_stays_200_when_the_database_cannot_take_writes(bool replaceWithFile)
    {
        using (var ready = await Client.GetAsync("/health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        Directory.Delete(Data.Path, recursive: true);
        if (replaceWithFile)
            await File.WriteAllTextAsync(Data.Path, "not a directory");

        using var notReady = await Client.GetAsync("/health/ready");
        using var live = await Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_note_is_not_acknowledged_when_the_database_is_gone()
    {
        Directory.Delete(Data.Path, recursive: true);

        using var response = await Client.PostNoteAsync("into the void");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Problems.AssertProblemAsync(response, 500);
        Assert.False(Directory.Exists(Data.Path), "the service must not silently recreate a vanished volume");
    }
}
