using System.Net.Http.Json;
using System.Text.Json;

namespace Notes.Tests.Infrastructure;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostNoteAsync(this HttpClient client, string text) =>
        client.PostAsJsonAsync("/notes", new { text });

    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
}
