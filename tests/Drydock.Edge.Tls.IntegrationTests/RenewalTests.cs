using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Drydock.Edge.Tests;

namespace Drydock.Edge.Tls.IntegrationTests;

/// <summary>A short-lived certificate is renewed in the background and swapped in with no failed request.</summary>
[Collection(EdgeTlsCollection.Name)]
public sealed class RenewalTests(EdgeTlsFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 4;
    private TestUpstream _app = null!;

    public async Task InitializeAsync() => _app = await TestUpstream.StartAsync("app");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_short_lived_certificate_is_renewed_under_load_with_no_failed_request()
    {
        var host = $"renew.r{Guid.NewGuid().ToString("N")[..8]}.tls.test";
        await fixture.Admin.DeclareAsync(host, "acme");
        await fixture.Admin.SwitchAsync(host, _app.Address, "1.0.0");
        var (status, first) = await fixture.Admin.IssueAsync(host);
        Assert.True(status == 200, $"{first}\n{fixture.Logs}");
        var firstThumbprint = first["thumbprint"]!.ToString();

        // A new connection (so a new handshake) for every request: each one sees whichever certificate is installed.
        var seen = new List<X509Certificate2>();
        using var client = fixture.Client(seen, newConnectionPerRequest: true);
        var (ok, failed) = (0, 0);
        var failures = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(EdgeTlsFixture.CertificateValiditySeconds * 2));
        var timer = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            while (!stop.IsCancellationRequested && !Renewed())
            {
                try
                {
                    using var response = await client.GetAsync($"https://{host}:{fixture.HttpsPort}/load");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK && body == "app")
                        Interlocked.Increment(ref ok);
                    else
                        Record($"{(int)response.StatusCode} {body}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Record($"{e.GetType().Name} {e.Message} {e.InnerException?.Message}");
                }
                await Task.Delay(20);
            }
        }

        void Record(string failure)
        {
            Interlocked.Increment(ref failed);
            lock (failures)
                failures.Add(failure);
        }

        bool Renewed()
        {
            lock (seen)
                return seen.Any(c => c.Thumbprint != firstThumbprint);
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync)));

        output.WriteLine($"{ok} requests answered, {failed} failed, renewed after {timer.Elapsed.TotalSeconds:0.0} s of load ({Workers} workers, a new TLS connection per request)");
        Assert.True(Renewed(), $"No renewed certificate was served within {EdgeTlsFixture.CertificateValiditySeconds * 2} s.\n{fixture.Logs}");
        Assert.True(failed == 0, string.Join("\n", failures.Take(10)));
        Assert.True(ok > 0);
        var now = await fixture.Admin.CertificateAsync(host);
        Assert.NotEqual(firstThumbprint, now["thumbprint"]!.ToString());
        Assert.Contains($"Serving a new certificate for {host}", fixture.Log.Text);
    }
}
