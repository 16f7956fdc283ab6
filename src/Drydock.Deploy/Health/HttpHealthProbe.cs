namespace Drydock.Deploy;

/// <summary>
/// GETs a health URL with a short timeout, no proxy and no kept connection: after a swap the same port leads to a
/// different container, and a pooled connection to the old one must not answer for the new one.
/// </summary>
public sealed class HttpHealthProbe : IHttpProbe, IDisposable
{
    /// <summary>One per process is enough: connections are never kept.</summary>
    public static HttpHealthProbe Shared { get; } = new();

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    public async Task<HttpProbeResult> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.ConnectionClose = true;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new HttpProbeResult((int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new HttpProbeResult(null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpProbeResult(null, $"no answer within {_http.Timeout.TotalSeconds:0}s");
        }
    }

    public void Dispose() => _http.Dispose();
}
