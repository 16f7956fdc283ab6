using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Testing.Acme;
using Drydock.Testing.Nodes;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// HTTPS for several apps on a nested remote host (a Docker engine in a container, reached only with ssh://): Notes and
/// the plain webapi sample deployed to ONE host-wide edge on the node answer on HTTPS by their host names through one
/// port, with certificates from a pebble on the runner, HTTP redirects, and a deploy of one under load on both fails no
/// request. The node publishes the edge's HTTP and HTTPS ports on the runner's 127.0.0.1 under the same numbers; pebble's
/// HTTP-01 validation connects to 127.0.0.1:&lt;http port&gt; (its DNS answers 127.0.0.1 for every name), so it reaches
/// the node's edge; the edge on the node reaches pebble's ACME API on the runner's Docker bridge gateway (its traffic
/// leaves the node as the node's). Ports 22600-22699, names tls3-*.
/// </summary>
/// <remarks>
/// The same class as the local tests, so the Weather image is built once.
/// </remarks>
public sealed partial class HostEdgeDeployTests
{
    private const int SshPort = 22690;

    [Fact]
    public async Task Two_apps_on_a_remote_host_answer_https_by_name_through_one_port_and_a_deploy_under_load_fails_no_request()
    {
        await world.EnsureAsync(fixture); // the Weather image
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log, new SecretMasker());
        var ports = FreePort.TakeFromRange(22600, 22689, 6);
        var work = RepositoryRoot.Temp($"tls3-remote-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await RunOnTheNodeAsync(local, log, work, ports);
        }
        finally
        {
            Directory.Delete(work, recursive: true); // pebble's config and TLS key
        }
    }

    private async Task RunOnTheNodeAsync(DockerCli local, IBuildLog log, string work, int[] ports)
    {
        var (httpPort, httpsPort) = (ports[4], ports[5]);
        await using var cluster = await NodeCluster.StartAsync(local, log, new NodeClusterOptions($"tls3-{fixture.RunId}", SshPort) { SamePorts = [httpPort, httpsPort] });
        var node = cluster.Nodes[0];
        // The runner's address on the node's network: inside the node, 172.17.0.1 is the node's own bridge.
        using var pebble = await PebbleServer.StartAsync(work, ports[..4], httpPort, httpsPort, HttpsWorld.CertificateValiditySeconds,
            new Dictionary<string, string> { ["PEBBLE_AUTHZREUSE"] = "0" }, await HttpsWorld.GatewayAsync(local, cluster.Network));
        var edge = await EdgeOnTheNodeAsync(local, cluster, node, log);

        EnvironmentHttps Https(string host) => new()
        {
            Hosts = [host], HttpPort = httpPort, HttpsPort = httpsPort, Tls = HostTlsMode.Acme,
            AcmeDirectory = pebble.DirectoryUrl.ToString(), AcmeEmail = "ops@tls3.test", AcmeCaBundle = pebble.TlsCaBundlePath,
        };
        var config = new EnvironmentConfig
        {
            Bind = "0.0.0.0", // inside the node: the node's published ports reach the edge from the runner
            HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(1), StartPeriod = TimeSpan.FromSeconds(30) },
            DeployTimeout = TimeSpan.FromSeconds(60),
            DrainTimeout = TimeSpan.FromSeconds(10),
            KeepReleases = 1,
        };
        var (notesHost, weatherHost) = ("notes.tls3-remote.test", "weather.tls3-remote.test");
        DeployRequest Request(string app, NotesImage image, EnvironmentConfig with) =>
            new(app, image.Repository, image.Digest, image.Version) { Commit = image.Commit, Environment = "production", Config = with };

        await using var tunnel = await OpenAsync(local, cluster, node, log);
        var remote = tunnel.Docker(local);
        ReleaseManager Manager(string host) => new(remote, log, new ReleaseManagerOptions { Edge = edge, Https = Https(host) });
        await Manager(notesHost).DeployAsync(Request("tls3notes", fixture.V1, config));
        await Manager(weatherHost).DeployAsync(Request("tls3weather", world.Weather, config with { HealthPath = "/weatherforecast", HealthCheck = null }));

        using var client = HostClient.Create(pebble.IssuingRoot);
        var notesUrl = new Uri($"https://{notesHost}:{httpsPort}/version");
        var weatherUrl = new Uri($"https://{weatherHost}:{httpsPort}/weatherforecast");
        Assert.Equal("1.0.0", Version(await client.GetStringAsync(notesUrl)));
        Assert.True((await client.GetAsync(weatherUrl)).IsSuccessStatusCode);
        using (var redirect = await client.GetAsync(new Uri($"http://{weatherHost}:{httpPort}/weatherforecast")))
            Assert.Equal($"https://{weatherHost}:{httpsPort}/weatherforecast", redirect.Headers.Location?.ToString());

        var notesLoad = new HostLoad(pebble.IssuingRoot, notesUrl, connections: 2);
        var weatherLoad = new HostLoad(pebble.IssuingRoot, weatherUrl, connections: 2);
        await using (notesLoad)
        await using (weatherLoad)
        {
            await Task.Delay(500);
            await Manager(notesHost).DeployAsync(Request("tls3notes", fixture.V2, config));
            Assert.Equal("2.0.0", Version(await client.GetStringAsync(notesUrl)));
            await Task.Delay(500);
        }
        output.WriteLine($"remote https-deploy: notes {notesLoad.Requests} requests {notesLoad.Failures.Count} failed; weather {weatherLoad.Requests} requests {weatherLoad.Failures.Count} failed");
        foreach (var failure in notesLoad.Failures.Concat(weatherLoad.Failures).Take(10))
            output.WriteLine("failed: " + failure);
        Assert.True(notesLoad.Requests > 0 && weatherLoad.Requests > 0);
        Assert.Empty(notesLoad.Failures);
        Assert.Empty(weatherLoad.Failures);
        Assert.Contains($"host     {notesHost} -> ", (await Manager(notesHost).StatusAsync(new EnvironmentId("tls3notes", "production"))).Describe());
    }

    private Task<SshEngineTunnel> OpenAsync(DockerCli local, NodeCluster cluster, TestNode node, IBuildLog log) =>
        SshEngineTunnel.OpenAsync(new SshTunnelOptions(node.Target)
        {
            IdentityFile = cluster.Key.PrivateKeyPath,
            KnownHostsFile = cluster.KnownHostsFile,
            ReverseForwards = [SshReverseForward.SamePort(new Uri("http://" + fixture.Registry.Address).Port)],
        }, local, log);

    /// <summary>
    /// The edge image the fixture built, pulled by the node through the tunnel (it has no internet) and tagged as the
    /// deploy looks for it (by its sources' label): building it on the node is RemoteDeployTests' business, not this test's.
    /// </summary>
    private async Task<EdgeStrategyOptions> EdgeOnTheNodeAsync(DockerCli local, NodeCluster cluster, TestNode node, IBuildLog log)
    {
        var edgeImage = await EdgeImage.FindBySourcesAsync(local, new EdgeImageSource(RepositoryRoot.Path).SourceHash())
            ?? throw new InvalidOperationException("The deploy fixture built no edge image from these sources.");
        var reference = $"{fixture.Registry.Address}/{fixture.RunId}/edge:tls3";
        await local.TagAsync(edgeImage, reference);
        await local.PushAsync(reference);
        await using var tunnel = await OpenAsync(local, cluster, node, log);
        var remote = tunnel.Docker(local);
        Assert.True(await remote.TryPullAsync(reference), $"the node could not pull {reference} through the reverse tunnel");
        await remote.TagAsync(reference, edgeImage);
        // Renewals come from the edge's own loop, checking every second, not from the next deploy: a slow deploy under
        // load must not outlive the 45 s certificates.
        return new EdgeStrategyOptions(RepositoryRoot.Path) { WorkDirectory = RepositoryRoot.Temp(), HostEdgeName = HttpsWorld.EdgeName, HostEdgeRenewalCheck = TimeSpan.FromSeconds(1) };
    }
}
