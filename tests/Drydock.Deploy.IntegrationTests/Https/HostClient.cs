using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// HTTP clients that reach host names on the runner's 127.0.0.1 (a custom connect: the name is only the SNI and Host
/// header), trusting pebble's issuing root alone and checking the name, as a browser would check a real certificate.
/// </summary>
public static class HostClient
{
    public static HttpClient Create(X509Certificate2 root, ConcurrentDictionary<string, string>? leaves = null) =>
        new(Handler(root, leaves)) { Timeout = TimeSpan.FromSeconds(15) };

    public static SocketsHttpHandler Handler(X509Certificate2 root, ConcurrentDictionary<string, string>? leaves = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(root);
        return new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            // New connections now and then, so a renewed certificate is seen (and checked) during a long load.
            PooledConnectionLifetime = TimeSpan.FromSeconds(2),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = policy,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not null && leaves is not null)
                        leaves.TryAdd(certificate.GetCertHashString(), certificate.Subject);
                    return errors == SslPolicyErrors.None;
                },
            },
        };
    }
}

/// <summary>Continuous GETs of one URL through a <see cref="HostClient"/> until disposed; every error or non-2xx is a failure.</summary>
public sealed class HostLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task[] _workers;
    private long _requests;
    private int _disposed;

    public HostLoad(X509Certificate2 root, Uri url, int connections = 3)
    {
        _http = HostClient.Create(root, Leaves);
        _workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => LoopAsync(url))).ToArray();
    }

    public long Requests => Interlocked.Read(ref _requests);

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Certificates shown by the edge (thumbprint → subject).</summary>
    public ConcurrentDictionary<string, string> Leaves { get; } = new();

    public ConcurrentDictionary<string, long> Bodies { get; } = new();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(Uri url)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _http.GetAsync(url, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                Interlocked.Increment(ref _requests);
                if (!response.IsSuccessStatusCode)
                    Failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                else
                    Bodies.AddOrUpdate(body.Length > 40 ? body[..40] : body, 1, (_, n) => n + 1);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _requests);
                Failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
            }
        }
    }
}
