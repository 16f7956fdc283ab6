using System.Text.Json;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// The loop under <see cref="LoadRunner"/> and <see cref="WriteLoad"/>: a few kept-alive connections to a published
/// loopback port sending one request after another until disposed. Every request counts; <c>send</c> returns null for a
/// success or what failed, and a connection error, a timeout or an unreadable body is a failure too. No timing is asserted.
/// </summary>
internal sealed class RequestLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Func<HttpClient, CancellationToken, Task<string?>> _send;
    private readonly Action<string> _failed;
    private readonly Task[] _workers;
    private long _requests;
    private int _disposed;

    /// <param name="cookies">False: no cookie is kept, so every request is a new client to the edge (a canary deals each one anew).</param>
    public RequestLoop(int port, int connections, bool cookies, Func<HttpClient, CancellationToken, Task<string?>> send, Action<string> failed)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections, UseCookies = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        _send = send;
        _failed = failed;
        _workers = Enumerable.Range(0, connections).Select(_ => Task.Run(LoopAsync)).ToArray();
    }

    public long Requests => Interlocked.Read(ref _requests);

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
                var failure = await _send(_http, _stop.Token);
                Interlocked.Increment(ref _requests);
                if (failure is not null)
                    _failed(failure);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                Interlocked.Increment(ref _requests);
                // The inner exception says why (refused, reset, ended early): the outer one is the same for all.
                _failed($"{e.GetType().Name}: {e.Message}" + (e.InnerException is { } inner ? $" ({inner.Message})" : string.Empty));
            }
        }
    }
}
