namespace Drydock.Edge.Admin;

/// <summary>
/// GETs a health path on an upstream from the edge itself, over the same private network the traffic will take: the
/// check that the new release answers where the edge will send requests (name resolves, container is on the network,
/// port is right), not merely that Docker calls it healthy. One attempt, short timeout, no pooled connection.
/// </summary>
public sealed class UpstreamHealthCheck(TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = timeout,
    };

    public async Task<(bool Healthy, string Answer)> CheckAsync(Uri upstream, string healthPath, CancellationToken cancellationToken)
    {
        var target = new Uri(upstream, healthPath);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.ConnectionClose = true;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode} from {target}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"{target}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"{target}: no answer within {_http.Timeout.TotalSeconds:0.#}s");
        }
    }

    public void Dispose() => _http.Dispose();
}
