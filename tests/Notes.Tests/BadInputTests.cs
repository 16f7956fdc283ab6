using System.Net;
using System.Text;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

/// <summary>Every refused request answers with a problem body and stores nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly NotesAppFactory _app;

    public BadInputTests() => _app = new NotesAppFactory(_data.Path);

    public void Dispose()
    {
        _app.Dispose();
        _data.Dispose();
    }

    public static TheoryData<string, string?, int> Refused => new()
    {
        // body, content type, expected status
        { """{"text": ""}""", "application/json", 400 },
        { """{"text": "   "}""", "application/json", 400 },
        { """{"text": null}""", "application/json", 400 },
        { """{}""", "application/json", 400 },
        { """{"note": "wrong field"}""", "application/json", 400 },
        { """{"text": 42}""", "application/json", 400 },
        { """{"text": "unterminated""", "application/json", 400 },
        { "not json at all", "application/json", 400 },
        { "null", "application/json", 400 },
        { "", "application/json", 400 },
        { """{"text": "hello"}""", "text/plain", 415 },
        { """{"text": "hello"}""", "application/x-www-form-urlencoded", 415 },
        { """{"text": "hello"}""", null, 415 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refused_requests_answer_a_problem_and_store_nothing(string body, string? contentType, int status)
    {
        using var client = _app.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
            content.Headers.ContentType = new(contentType);

        using var response = await client.PostAsync("/notes", content);

        Assert.Equal(status, (int)response.StatusCode);
        await Problems.AssertProblemAsync(response, status);
        await AssertNothingStoredAsync(client);
    }

    [Fact]
    public async Task Text_over_4000_characters_is_a_validation_problem_naming_the_field()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostNoteAsync(new string('x', 4001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problems.AssertProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        await AssertNothingStoredAsync(client);
    }

    [Fact]
    public async Task Blank_text_is_a_validation_problem_naming_the_field()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostNoteAsync("");

        var problem = await Problems.AssertProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
    }

    // The body limit is the server's, so this one runs on Kestrel; both a declared and a chunked length are refused.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_body_is_413_problem(bool declaredLength)
    {
        var address = _app.StartKestrel();
        using var client = new HttpClient { BaseAddress = address };
        var json = Encoding.UTF8.GetBytes($$"""{"text": "{{new string('x', 100_000)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notes") { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new("application/json");
        if (!declaredLength)
        {
            request.Headers.TransferEncodingChunked = true;
            request.Content.Headers.ContentLength = null;
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await Problems.AssertProblemAsync(response, 413);
        using var fresh = new HttpClient { BaseAddress = address };
        await AssertNothingStoredAsync(fresh);
    }

    private static async Task AssertNothingStoredAsync(HttpClient client)
    {
        using var list = await client.GetAsync("/notes");
        Assert.Empty(await list.ReadAsAsync<NoteDto[]>());
    }
}
