using System.Diagnostics;
using System.Net;

namespace Drydock.Edge.Proxy;

/// <summary>
/// The one HTTP client the edge forwards with, configured as YARP recommends for a proxy: no proxy, no redirects, no
/// decompression, no cookies; pooled connections to each upstream, dropped after a minute idle (well inside Kestrel's
/// 130 s keep-alive, so the edge never reuses a connection the upstream is about to close).
/// </summary>
public static class UpstreamInvoker
{
    public static HttpMessageInvoker Create() =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new Yarp.ReverseProxy.Forwarder.ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        }, disposeHandler: true);
}
