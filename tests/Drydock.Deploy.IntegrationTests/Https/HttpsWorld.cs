using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Drydock.Docker;
using Drydock.Engine.Tooling;
using Drydock.Packaging;
using Drydock.Testing.Acme;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// What the HTTPS deploy tests share, started once: a real pebble (with challtestsrv answering 127.0.0.1 for every
/// name) whose ACME API listens on the Docker bridge's gateway, so the host-wide edge in its container reaches it (its
/// own 127.0.0.1 is the container's), and whose HTTP-01 validation connects to 127.0.0.1:<see cref="HttpPort"/>, the
/// host-wide edge's published HTTP port; a plain <c>dotnet new webapi</c> app (samples/Weather) built and pushed beside
/// the Notes images; and this suite's own host-wide edge, <see cref="EdgeName"/>, removed at the end.
/// </summary>
public sealed class HttpsWorld : IAsyncLifetime
{
    public const string EdgeName = "tls3-edge-host";
    public const int CertificateValiditySeconds = 45;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PebbleServer? _pebble;
    private DeployFixture? _fixture;

    public string WorkDirectory { get; } = RepositoryRoot.Temp($"tls3-{Guid.NewGuid():N}");

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public PebbleServer Pebble => _pebble ?? throw new InvalidOperationException("Call EnsureAsync first.");

    public X509Certificate2 IssuingRoot => Pebble.IssuingRoot;

    public NotesImage Weather { get; private set; } = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts pebble and builds the Weather image once (the deploy fixture's registry and base image are needed first).</summary>
    public async Task EnsureAsync(DeployFixture fixture)
    {
        await _gate.WaitAsync();
        try
        {
            if (_pebble is not null)
                return;
            _fixture = fixture;
            Directory.CreateDirectory(WorkDirectory);
            var docker = fixture.CreateDocker(new CapturingBuildLog());
            var gateway = await BridgeGatewayAsync(docker);
            var ports = FreePort.TakeFromRange(22500, 22599, 6);
            (HttpPort, HttpsPort) = (ports[4], ports[5]);
            _pebble = await PebbleServer.StartAsync(WorkDirectory, ports[..4], HttpPort, HttpsPort, CertificateValiditySeconds,
                new Dictionary<string, string> { ["PEBBLE_AUTHZREUSE"] = "0" }, gateway);
            Weather = await BuildWeatherAsync(docker, fixture);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The local engine's default bridge gateway: the runner's own address that containers (and containers nested in them) reach.</summary>
    public static Task<string> BridgeGatewayAsync(DockerCli docker) => GatewayAsync(docker, "bridge");

    /// <summary>
    /// The runner's address on a network of the local engine. An engine restarted over an existing bridge reports only
    /// the subnet, so then the gateway is the subnet's first address, which is what Docker gives the bridge.
    /// </summary>
    public static async Task<string> GatewayAsync(DockerCli docker, string network)
    {
        var format = "{{range .IPAM.Config}}{{.Gateway}} {{.Subnet}}{{\"\\n\"}}{{end}}";
        var lines = (await docker.ExecuteAsync(new RawDockerSettings(["network", "inspect", network, "--format", format]), echoOutput: false))
            .StandardOutput.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var parts = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).FirstOrDefault(p => p.Length > 0)
            ?? throw new InvalidOperationException($"docker network inspect {network} shows no IPAM config.");
        if (parts.Length == 2)
            return parts[0];
        var subnet = System.Net.IPNetwork.Parse(parts[0]);
        var bytes = subnet.BaseAddress.GetAddressBytes();
        bytes[^1] += 1;
        return new System.Net.IPAddress(bytes).ToString();
    }

    /// <summary>The environment's host-wide edge settings for <paramref name="hosts"/>, against this pebble.</summary>
    public EnvironmentHttps Https(params string[] hosts) => new()
    {
        Hosts = hosts,
        HttpPort = HttpPort,
        HttpsPort = HttpsPort,
        Tls = HostTlsMode.Acme,
        AcmeDirectory = Pebble.DirectoryUrl.ToString(),
        AcmeEmail = "ops@tls3.test",
        AcmeCaBundle = Pebble.TlsCaBundlePath,
    };

    /// <summary>The deploy fixture's edge options with this suite's own host-wide edge, checking renewals every second.</summary>
    public EdgeStrategyOptions Edge(DeployFixture fixture) => fixture.Edge with { HostEdgeName = EdgeName, HostEdgeRenewalCheck = TimeSpan.FromSeconds(1) };

    public ReleaseManager Manager(TestEnvironment env, EnvironmentHttps https) =>
        new(env.Docker, env.Log, new ReleaseManagerOptions
        {
            ReadEnvironment = name => name == TestEnvironment.SecretName ? env.SecretValue : System.Environment.GetEnvironmentVariable(name),
            Edge = Edge(env.Fixture),
            Https = https,
        });

    /// <summary>Detaches the host-wide edge from an environment's network, so the environment's cleanup can remove the network.</summary>
    public static async Task DetachAsync(TestEnvironment env) =>
        await env.Fixture.CreateDocker(new CapturingBuildLog()).ExecuteAsync(new RawDockerSettings(["network", "disconnect", "-f", env.Id.Network, EdgeName]), throwOnError: false, echoOutput: false);

    public async Task DisposeAsync()
    {
        if (_fixture is not null)
        {
            var docker = _fixture.CreateDocker(new CapturingBuildLog());
            await docker.ExecuteAsync(new DockerRmSettings(EdgeName) { Force = true }, throwOnError: false, echoOutput: false);
            await docker.ExecuteAsync(new DockerNetworkRmSettings(EdgeName), throwOnError: false, echoOutput: false);
            await docker.ExecuteAsync(new DockerVolumeRmSettings([EdgeName + "-state", EdgeName + "-acme"]) { Force = true }, throwOnError: false, echoOutput: false);
            if (Weather is not null)
                await docker.ExecuteAsync(new DockerImageRmSettings($"{Weather.Repository}:{Weather.Version}") { Force = true }, throwOnError: false, echoOutput: false);
        }
        _pebble?.Dispose();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }

    /// <summary>samples/Weather (a plain <c>dotnet new webapi</c>), published self-contained into the Dockerfile a user's app without one gets.</summary>
    private async Task<NotesImage> BuildWeatherAsync(DockerCli docker, DeployFixture fixture)
    {
        var output = Path.Combine(WorkDirectory, "weather");
        var commit = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        await docker.Runner.RunAsync(new ToolCommand("dotnet", "publish", Path.Combine(RepositoryRoot.Path, "samples", "Weather", "Weather.csproj"),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output, "--artifacts-path", RepositoryRoot.Temp("deploy-it", "weather-artifacts"),
            "-nodeReuse:false", "-p:UseSharedCompilation=false") { EchoOutput = false });
        Directory.CreateDirectory(Path.Combine(output, "data"));
        await File.WriteAllTextAsync(Path.Combine(output, "Dockerfile"), DockerfileTemplate.Render("Weather", "/weatherforecast"));
        var repository = $"{fixture.Registry.Address}/{fixture.RunId}/weather";
        var tag = $"{repository}:1.0.0";
        await docker.BuildAsync(new DockerBuildSettings(output)
        {
            File = Path.Combine(output, "Dockerfile"),
            Tags = [tag],
            BuildArgs = new Dictionary<string, string>
            {
                ["BASE_IMAGE"] = fixture.BaseImageReference, ["VERSION"] = "1.0.0", ["REVISION"] = commit, ["SOURCE"] = "https://example.invalid/weather", ["CREATED"] = "2025-01-01T00:00:00Z",
            },
            Labels = new Dictionary<string, string> { ["dev.drydock.test.run"] = fixture.RunId },
        });
        var pushed = await docker.PushAsync(tag);
        return new NotesImage("1.0.0", commit, repository, pushed.Digest);
    }

    /// <summary>A docker command these tests run that has no settings record of its own (inspect format, disconnect).</summary>
    private sealed record RawDockerSettings(IReadOnlyList<string> Arguments) : IDockerSettings
    {
        public IReadOnlyList<string> ToArguments() => Arguments;
    }
}
