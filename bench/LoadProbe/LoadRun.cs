using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace LoadProbe;

/// <summary>
/// Keeps N connections busy (one HttpClient and one connection each, kept alive, as wrk does) until told to stop, the
/// time bound passes or the request bound is reached. A failed request is recorded and the connection pauses 10 ms
/// before the next one, so a closed port is counted, not hammered.
/// </summary>
public sealed class LoadRun(ProbeOptions options)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentBag<List<Sample>> _perConnection = [];
    private readonly Stopwatch _clock = new();
    private long _count;

    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    public IReadOnlyList<Sample> Samples => [.. _perConnection.SelectMany(s => s).OrderBy(s => s.StartMs)];

    public Task StartAsync(CancellationToken stop)
    {
        _clock.Start();
        var hardStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        hardStop.CancelAfter(TimeSpan.FromSeconds(options.MaxSeconds));
        return Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => Task.Run(() => ConnectionAsync(hardStop.Token))));
    }

    private async Task ConnectionAsync(CancellationToken stop)
    {
        var samples = new List<Sample>();
        _perConnection.Add(samples);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false, MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // No cookie jar: every request is a new client to the edge, as the many users behind real traffic are (a canary deals each one).
            UseCookies = false,
        })
        {
            Timeout = RequestTimeout,
        };
        while (!stop.IsCancellationRequested && Interlocked.Increment(ref _count) <= options.MaxRequests)
        {
            var start = NowMs;
            Sample sample;
            try
            {
                using var response = options.PostJson is { } json
                    ? await http.PostAsync(options.Url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), CancellationToken.None)
                    : await http.GetAsync(options.Url, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                sample = new Sample(start, NowMs, (int)response.StatusCode, VersionOf(body), null);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                sample = new Sample(start, NowMs, 0, null, e is TaskCanceledException ? "timeout" : Describe(e));
            }
            samples.Add(sample);
            if (!sample.Succeeded)
                await Task.Delay(10, CancellationToken.None);
        }
    }

    /// <summary>The <c>version</c> member of a JSON body (Notes' <c>/version</c>), if there is one.</summary>
    private static string? VersionOf(string body)
    {
        if (body.Length == 0 || body[0] != '{')
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(Exception e)
    {
        var inner = e.InnerException?.Message;
        return inner is null ? e.Message : $"{e.Message} ({inner})";
    }
}
