using System.Net;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

public sealed class NotesEndpointTests : IDisposable
{
    private readonly NotesTestHost _host = new();

    private HttpClient Client => _host.Client;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Post_stores_the_note_and_answers_201_with_it_and_its_location()
    {
        var before = DateTimeOffset.UtcNow;

        using var response = await Client.PostNoteAsync("buy milk");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = await response.ReadAsAsync<NoteDto>();
        Assert.True(note.Id > 0);
        Assert.Equal("buy milk", note.Text);
        Assert.InRange(note.CreatedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal($"/notes/{note.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_by_id_returns_the_note_at_its_location()
    {
        using var created = await Client.PostNoteAsync("a note");
        var note = await created.ReadAsAsync<NoteDto>();

        using var response = await Client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(note, await response.ReadAsAsync<NoteDto>());
    }

    [Fact]
    public async Task Get_all_lists_every_note_newest_first()
    {
        foreach (var text in new[] { "first", "second", "third" })
            (await Client.PostNoteAsync(text)).Dispose();

        using var response = await Client.GetAsync("/notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notes = await response.ReadAsAsync<NoteDto[]>();
        Assert.Equal(["third", "second", "first"], notes.Select(n => n.Text));
    }

    [Fact]
    public async Task Get_all_on_an_empty_database_is_an_empty_list()
    {
        using var response = await Client.GetAsync("/notes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.ReadAsAsync<NoteDto[]>());
    }

    [Theory]
    [InlineData("/notes/12345")]
    [InlineData("/notes/not-a-number")]
    public async Task Get_of_a_missing_note_is_404_problem(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Problems.AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task Text_of_exactly_4000_characters_is_accepted()
    {
        var text = new string('x', 4000);

        using var response = await Client.PostNoteAsync(text);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(text, (await response.ReadAsAsync<NoteDto>()).Text);
    }
}
