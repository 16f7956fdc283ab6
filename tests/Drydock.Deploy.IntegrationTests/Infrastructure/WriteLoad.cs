using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Continuous writes on a published loopback port: a few kept-alive connections POSTing /notes until disposed. Every
/// request counts; a non-2xx or connection error is a failure, timestamped so a test can see when failures stopped.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task[] _workers;
    private long _requests;
    private int _disposed;

    /// <param name="cookies">False: no cookie is kept, so every request is a new client to the edge (a canary deals each one anew).</param>
    public WriteLoad(int port, int connections = 4, bool cookies = true)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, UseCookies = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        _workers = Enumerable.Range(0, connections).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public long Requests => Interlocked.Read(ref _requests);

    public ConcurrentQueue<(DateTimeOffset At, string What)> Failures { get; } = new();

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
                using var response = await _http.PostAsJsonAsync("notes", new { text = "vrf load" }, _stop.Token);
                Interlocked.Increment(ref _requests);
                if (!response.IsSuccessStatusCode)
                    Failures.Enqueue((DateTimeOffset.UtcNow, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _requests);
                Failures.Enqueue((DateTimeOffset.UtcNow, e.GetType().Name));
            }
        }
    }
}
