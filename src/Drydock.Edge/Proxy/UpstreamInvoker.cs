using System.Diagnostics;
using System.Net;

namespace Drydock.Edge.Proxy;

/// <summary>
/// The one HTTP client the edge forwards with, configured as YARP recommends for a proxy: no proxy, no redirects, no
/// decompression, no cookies; pooled connections to each upstream, dropped after a minute idle (well inside Kestrel's
/// 130 s keep-alive, so the edge never reuses a connection the upstream is about to close). Connections go through
/// <see cref="TaskAddressConnector"/>, so an upstream name with several addresses (a Swarm release's tasks) is balanced
/// per connection, and a connection lives at most <see cref="ConnectionLifetime"/> so tasks that came later get their share.
/// </summary>
public static class UpstreamInvoker
{
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromSeconds(15);

    public static HttpMessageInvoker Create(TaskAddressConnector? connector = null)
    {
        var connect = connector ?? TaskAddressConnector.System;
        return new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new Yarp.ReverseProxy.Forwarder.ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            PooledConnectionLifetime = ConnectionLifetime,
            ConnectCallback = (context, token) => connect.ConnectAsync(context.DnsEndPoint, token),
        }, disposeHandler: true);
    }
}
