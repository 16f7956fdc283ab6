using System.Net;
using System.Net.Security;

namespace Drydock.Registry;

/// <summary>
/// The HTTP client every registry call goes through. A registry on this machine's loopback is reached the way docker
/// reaches one (loopback registries are "insecure" to it): HTTPS first with its certificate not verified, and plain
/// HTTP when it does not speak TLS, as the embedded 127.0.0.1:5000 one does not. Any other registry is HTTPS with the
/// system's trust, exactly as written.
/// </summary>
public static class RegistryHttp
{
    public static HttpClient Create(TimeSpan timeout) => new(new LoopbackTlsFirst()) { Timeout = timeout };

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// A loopback <c>http://</c> request goes over HTTPS first; when the TLS handshake fails the registry speaks plain
    /// HTTP and the request goes as written. What each loopback registry spoke is kept for this client's life (one operation).
    /// </summary>
    private sealed class LoopbackTlsFirst : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _verified = new(new SocketsHttpHandler { UseProxy = false });

        // Used for loopback addresses only: docker does not verify a loopback registry's certificate either.
        private readonly HttpMessageInvoker _loopback = new(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });

        private readonly Dictionary<string, bool> _speaksTls = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var written = request.RequestUri!;
            if (!IsLoopback(written.Host))
                return await _verified.SendAsync(request, cancellationToken);
            if (written.Scheme != Uri.UriSchemeHttp)
                return await _loopback.SendAsync(request, cancellationToken);
            bool? tls;
            lock (_speaksTls)
                tls = _speaksTls.TryGetValue(written.Authority, out var known) ? known : null;
            if (tls == false)
                return await _loopback.SendAsync(request, cancellationToken);
            request.RequestUri = new UriBuilder(written) { Scheme = Uri.UriSchemeHttps, Port = written.Port }.Uri;
            try
            {
                var response = await _loopback.SendAsync(request, cancellationToken);
                Remember(written.Authority, true);
                return response;
            }
            catch (HttpRequestException e) when (tls is null && e.HttpRequestError == HttpRequestError.SecureConnectionError)
            {
                Remember(written.Authority, false);
                request.RequestUri = written;
                return await _loopback.SendAsync(request, cancellationToken);
            }
        }

        private void Remember(string authority, bool speaksTls)
        {
            lock (_speaksTls)
                _speaksTls[authority] = speaksTls;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _verified.Dispose();
                _loopback.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
