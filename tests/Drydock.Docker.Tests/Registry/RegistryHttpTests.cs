using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Drydock.Registry;

namespace Drydock.Docker.Tests;

/// <summary>
/// A loopback registry is reached as docker reaches it: HTTPS first with any certificate (a cluster's registry with its
/// own CA, through a published 127.0.0.1 port), plain HTTP when it does not speak TLS (the embedded one). Real sockets
/// on 127.0.0.1, one tiny server per test.
/// </summary>
public sealed class RegistryHttpTests
{
    [Fact]
    public async Task A_loopback_registry_speaking_tls_with_an_unknown_ca_is_reached_over_https()
    {
        using var certificate = SelfSigned();
        using var server = new OneShotServer(certificate);

        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(new Uri(RegistryEndpoint.ToBaseUri($"127.0.0.1:{server.Port}"), "v2/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tls", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_loopback_registry_speaking_plain_http_is_reached_as_written()
    {
        using var server = new OneShotServer(certificate: null);

        using var http = RegistryHttp.Create(TimeSpan.FromSeconds(10));
        var uri = new Uri(RegistryEndpoint.ToBaseUri($"127.0.0.1:{server.Port}"), "v2/");
        using var first = await http.GetAsync(uri);
        using var second = await http.GetAsync(uri);

        Assert.Equal("plain", await first.Content.ReadAsStringAsync());
        Assert.Equal("plain", await second.Content.ReadAsStringAsync());
        // The handshake is tried once per client: the second request went straight to plain HTTP.
        Assert.Equal(3, server.Connections);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=registry.test", key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Answers every connection's one request with 200 and "tls" or "plain"; a TLS hello to the plain server gets docker-registry's 400 text.</summary>
    private sealed class OneShotServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public OneShotServer(X509Certificate2? certificate)
        {
            _listener.Start();
            _ = Task.Run(() => ServeAsync(certificate));
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        private async Task ServeAsync(X509Certificate2? certificate)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        Stream stream = client.GetStream();
                        try
                        {
                            if (certificate is not null)
                            {
                                var tls = new SslStream(stream);
                                await tls.AuthenticateAsServerAsync(certificate);
                                stream = tls;
                            }
                            var buffer = new byte[4096];
                            var read = await stream.ReadAsync(buffer);
                            var body = certificate is not null ? "tls"
                                : buffer[0] == 0x16 ? null // a TLS ClientHello to a plain server
                                : "plain";
                            var answer = body is null
                                ? "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                                : $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
                        }
                        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                        {
                        }
                    }
                });
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
