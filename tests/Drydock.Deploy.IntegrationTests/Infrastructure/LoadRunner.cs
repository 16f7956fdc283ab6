using System.Collections.Concurrent;
using System.Text.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Moderate continuous load on a published loopback port: a few kept-alive connections GETting /version in a loop until
/// disposed. Every request counts: a connection error, a timeout or a non-2xx is a failure. No timing is asserted.
/// </summary>
public sealed class LoadRunner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task[] _workers;
    private long _requests;
    private int _disposed;

    public LoadRunner(int port, int connections = 4)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        _workers = Enumerable.Range(0, connections).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public long Requests => Interlocked.Read(ref _requests);

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Versions answered, in order of arrival per version (first seen).</summary>
    public ConcurrentDictionary<string, long> Versions { get; } = new();

    /// <summary>Stops the load and waits for the requests in flight; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _http.GetAsync("version", _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                Interlocked.Increment(ref _requests);
                if (!response.IsSuccessStatusCode)
                    Failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                else
                    Versions.AddOrUpdate(JsonDocument.Parse(body).RootElement.GetProperty("version").GetString()!, 1, (_, n) => n + 1);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                Interlocked.Increment(ref _requests);
                Failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
