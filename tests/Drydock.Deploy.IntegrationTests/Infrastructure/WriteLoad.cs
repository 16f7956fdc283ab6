using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Continuous writes: kept-alive connections POSTing /notes (<see cref="RequestLoop"/>). A non-2xx or connection error
/// is a failure, timestamped so a test can see when failures stopped.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private readonly RequestLoop _loop;

    /// <param name="cookies">False: no cookie is kept, so every request is a new client to the edge (a canary deals each one anew).</param>
    public WriteLoad(int port, int connections = 4, bool cookies = true) =>
        _loop = new RequestLoop(port, connections, cookies, PostNoteAsync, what => Failures.Enqueue((DateTimeOffset.UtcNow, what)));

    public long Requests => _loop.Requests;

    public ConcurrentQueue<(DateTimeOffset At, string What)> Failures { get; } = new();

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private static async Task<string?> PostNoteAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("notes", new { text = "vrf load" }, cancellationToken);
        return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }
}
