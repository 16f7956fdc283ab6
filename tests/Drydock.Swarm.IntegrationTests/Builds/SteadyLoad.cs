using System.Collections.Concurrent;
using System.Net.Http.Json;
using Drydock.Deploy.IntegrationTests;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// Steady GET /version traffic through one 127.0.0.1 port (one node's edge) from a few kept-alive clients, each pausing
/// 20 ms between requests, until stopped: the deploy suites' <see cref="RequestLoop"/> with a paced request that counts
/// every version that answered. Every failure is kept with its reason.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private readonly RequestLoop _loop;
    private long _served;

    public SteadyLoad(int port, int clients = 4) =>
        _loop = new RequestLoop(port, clients, cookies: false, GetVersionAsync, what => Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}"));

    public ConcurrentQueue<string> Failures { get; } = new();

    public ConcurrentDictionary<string, long> Versions { get; } = new();

    /// <summary>Requests answered with a version (failures not counted).</summary>
    public long Served => Interlocked.Read(ref _served);

    public async Task<SteadyLoad> StopAsync()
    {
        await _loop.DisposeAsync();
        return this;
    }

    public string Describe() =>
        $"{Served} served, {Failures.Count} failed ({string.Join(", ", Versions.Select(v => $"{v.Key}: {v.Value}"))})" +
        (Failures.IsEmpty ? string.Empty : ": " + string.Join(" | ", Failures.Take(5)));

    private async Task<string?> GetVersionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("version", cancellationToken);
        if (!response.IsSuccessStatusCode)
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var version = (await response.Content.ReadFromJsonAsync<VersionView>(cancellationToken))?.Version ?? "?";
        Versions.AddOrUpdate(version.Split('+')[0], 1, (_, n) => n + 1);
        Interlocked.Increment(ref _served);
        await Task.Delay(20, cancellationToken);
        return null;
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private sealed record VersionView(string Version);
}
