using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Drydock.Docker;
using Drydock.Testing.Nodes;

namespace Drydock.Testing.Swarm;

/// <summary>
/// Debian's <c>docker-registry</c> serving TLS with a run's test CA, in a container on the outer engine attached to the
/// nodes' network. Every node reaches it by its container name (<see cref="Host"/>, Docker's DNS on that network) and
/// trusts the CA through <c>/etc/docker/certs.d/&lt;host:port&gt;/ca.crt</c> (read per pull: no daemon restart).
/// The runner reaches the same registry on 127.0.0.1:<see cref="RunnerPort"/> (published); the certificate names both.
/// The image is the test node's (a Debian with the libc the binary needs); the binary is the runner's, mounted read-only.
/// </summary>
public sealed record TlsRegistry(string Container, int RunnerPort, string CertificateAuthorityPem)
{
    public const int ContainerPort = 5000;

    public const string Binary = "/usr/bin/docker-registry";

    /// <summary>The registry's host as the nodes name it: <c>swm-ab12cd34-registry:5000</c>.</summary>
    public string Host => $"{Container}:{ContainerPort}";

    /// <summary>Where the runner's engine pushes (loopback registries are plain-trust for dockerd: TLS, not verified).</summary>
    public string RunnerHost => $"127.0.0.1:{RunnerPort}";

    public static string Config =>
        """
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: /var/lib/registry
        http:
          addr: ':5000'
          tls:
            certificate: /etc/registry/tls.crt
            key: /etc/registry/tls.key
        """;

    public static DockerRunSettings RunSettings(string image, string container, string network, int runnerPort, string configDirectory, IReadOnlyDictionary<string, string> labels) =>
        new(image)
        {
            Name = container,
            Network = network,
            Labels = labels,
            Publish = [new PortMapping(runnerPort, ContainerPort)],
            Volumes = [new VolumeMount(Binary, Binary, ReadOnly: true), new VolumeMount(configDirectory, "/etc/registry", ReadOnly: true)],
            Command = [Binary, "serve", "/etc/registry/config.yml"],
        };

    /// <summary>
    /// Writes the certificate, key and config into a private directory, starts the container and waits until it
    /// answers with a certificate the CA vouches for, for its node-side name.
    /// </summary>
    public static async Task<TlsRegistry> StartAsync(
        DockerCli docker, TestCertificateAuthority authority, string image, string container, string network, int runnerPort,
        string directory, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: install Debian's docker-registry (sudo apt-get install docker-registry; .ci/start-services.sh does).");
        var (certificate, key) = authority.IssueServer([container], [IPAddress.Loopback]);
        await NodeSsh.WritePrivateFileAsync(Path.Combine(directory, "tls.crt"), certificate, cancellationToken);
        await NodeSsh.WritePrivateFileAsync(Path.Combine(directory, "tls.key"), key, cancellationToken);
        await NodeSsh.WritePrivateFileAsync(Path.Combine(directory, "config.yml"), Config, cancellationToken);
        await docker.RunDetachedAsync(RunSettings(image, container, network, runnerPort, directory, labels), cancellationToken);
        var registry = new TlsRegistry(container, runnerPort, authority.CertificatePem);
        await registry.WaitUntilServingAsync(authority.Certificate, TimeSpan.FromSeconds(30), cancellationToken);
        return registry;
    }

    /// <summary>
    /// An HTTP client on the runner that reaches the registry by its node-side name (connecting to 127.0.0.1) and
    /// trusts only the run's CA: proves the certificate is right for that name without touching /etc/hosts.
    /// </summary>
    public HttpClient CreateVerifyingClient(X509Certificate2 authority)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, RunnerPort, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { authority },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{Host}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    private async Task WaitUntilServingAsync(X509Certificate2 authority, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = CreateVerifyingClient(authority);
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync("v2/", cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
                last = new InvalidOperationException($"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new InvalidOperationException($"The TLS registry {Container} did not answer on {RunnerHost} within {timeout.TotalSeconds:F0} s: {last?.Message}");
    }
}
