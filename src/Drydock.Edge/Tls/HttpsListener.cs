using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Drydock.Edge.Tls;

/// <summary>
/// The HTTPS listener: HTTP/1.1 and HTTP/2 (ALPN), the certificate chosen per handshake by SNI from the
/// <see cref="CertificateSelector"/>, read at each handshake so a renewed certificate is used from the next connection on.
/// </summary>
public static class HttpsListener
{
    public static void Listen(KestrelServerOptions kestrel, IPAddress? address, int port, CertificateSelector selector, Hosting.ConnectionGuard? guard = null)
    {
        void Configure(ListenOptions listen)
        {
            // Before TLS: a connection over its client's cap costs no handshake.
            if (guard is not null)
                listen.Use(guard.Middleware);
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => ValueTask.FromResult(selector.HandshakeOptions(context.ClientHelloInfo.ServerName)),
            });
        }

        if (address is not null)
            kestrel.Listen(address, port, Configure);
        else
            kestrel.ListenAnyIP(port, Configure);
    }
}
