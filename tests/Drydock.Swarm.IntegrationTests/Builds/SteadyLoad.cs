using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// Steady GET /version traffic through one 127.0.0.1 port (one node's edge) from a few kept-alive clients, until
/// stopped: every failure is kept with its reason, and every version that answered is counted.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private long _served;

    public SteadyLoad(int port, int clients = 4)
    {
        _clients = Enumerable.Range(0, clients).Select(_ => Task.Run(() => RunAsync(port))).ToArray();
    }

    public ConcurrentQueue<string> Failures { get; } = new();

    public ConcurrentDictionary<string, long> Versions { get; } = new();

    public long Served => Interlocked.Read(ref _served);

    public async Task<SteadyLoad> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        return this;
    }

    public string Describe() =>
        $"{Served} served, {Failures.Count} failed ({string.Join(", ", Versions.Select(v => $"{v.Key}: {v.Value}"))})" +
        (Failures.IsEmpty ? string.Empty : ": " + string.Join(" | ", Failures.Take(5)));

    private async Task RunAsync(int port)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("/version", _stop.Token);
                if (!response.IsSuccessStatusCode)
                {
                    Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode}");
                    continue;
                }
                var version = (await response.Content.ReadFromJsonAsync<VersionView>(_stop.Token))?.Version ?? "?";
                Versions.AddOrUpdate(version.Split('+')[0], 1, (_, n) => n + 1);
                Interlocked.Increment(ref _served);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private sealed record VersionView(string Version);
}
