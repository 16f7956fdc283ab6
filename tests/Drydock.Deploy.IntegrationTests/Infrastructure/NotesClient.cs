using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>The Notes API on a published loopback port.</summary>
public sealed class NotesClient(int port)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };

    private Uri Base => new($"http://127.0.0.1:{port}/");

    public async Task<string> VersionAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Base, "version")));
        return document.RootElement.GetProperty("version").GetString()!;
    }

    public async Task AddAsync(string text)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(Base, "notes"), new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<IReadOnlyList<string>> TextsAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Base, "notes")));
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return items.EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToArray();
    }
}
