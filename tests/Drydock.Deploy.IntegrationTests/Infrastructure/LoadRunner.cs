using System.Collections.Concurrent;
using System.Text.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>Moderate continuous load: kept-alive connections GETting /version (<see cref="RequestLoop"/>), counting the versions that answered.</summary>
public sealed class LoadRunner : IAsyncDisposable
{
    private readonly RequestLoop _loop;

    public LoadRunner(int port, int connections = 4) =>
        _loop = new RequestLoop(port, connections, cookies: true, GetVersionAsync, what => Failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {what}"));

    public long Requests => _loop.Requests;

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Versions answered, in order of arrival per version (first seen).</summary>
    public ConcurrentDictionary<string, long> Versions { get; } = new();

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task<string?> GetVersionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("version", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            return $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}";
        Versions.AddOrUpdate(JsonDocument.Parse(body).RootElement.GetProperty("version").GetString()!, 1, (_, n) => n + 1);
        return null;
    }
}
