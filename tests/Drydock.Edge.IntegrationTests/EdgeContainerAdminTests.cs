using System.Net;
using System.Text.Json;
using Drydock.Docker;
using Drydock.Deploy;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Edge.IntegrationTests;

/// <summary>
/// The deployed shape in a real container: an edge with no admin port at all, read-only root, no capabilities,
/// its state (and admin socket) on a named volume, is told its route and read back only with
/// <c>docker exec &lt;edge&gt; /app/Drydock.Edge admin …</c>. A second edge container is the upstream: its public port
/// answers every request with its own 503 "No route", which the edge under test must pass through and count as 5xx.
/// </summary>
public sealed class EdgeContainerAdminTests : IAsyncLifetime
{
    private const int PublicPort = 18510;

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly CapturingBuildLog _log = new();
    private DockerCli _docker = null!;

    private string Network => $"edg-it-{_id}";

    private string Edge => $"edg-it-{_id}-edge";

    private string Upstream => $"edg-it-{_id}-upstream";

    private string Volume => $"edg-it-{_id}-state";

    public async Task InitializeAsync()
    {
        _docker = new DockerCli(new Drydock.Engine.Tooling.ProcessToolRunner(_log, new SecretMasker()));
        await DockerEngine.EnsureAvailableAsync(_docker, _log, RepositoryRoot.Temp("dockerd.log"));
        var baseImage = await BaseImage.EnsureAsync(_docker, _log, RepositoryRoot.Temp("base-image"));
        var image = await EdgeImage.EnsureAsync(_docker, _log, new EdgeImageSource(RepositoryRoot.Path), RepositoryRoot.Temp(), baseImage.Reference);
        await _docker.CreateNetworkAsync(new DockerNetworkCreateSettings(Network));
        await _docker.CreateVolumeAsync(new DockerVolumeCreateSettings(Volume));
        // The deploy's own hardening (EdgeContainerSpec), minus its admin port, plus EDGE_ADMIN_PORT=off.
        var hardened = new EdgeContainerSpec(new EnvironmentId("edg", _id), image, PublicPort).ToRunSettings() with
        {
            Name = Edge,
            Network = Network,
            Labels = new Dictionary<string, string> { ["edg.test"] = _id },
            Publish = [new PortMapping(PublicPort, EdgeContainerSpec.ContainerPublicPort, "127.0.0.1")],
            Volumes = [new VolumeMount(Volume, EdgeContainerSpec.StateMountPath)],
            Environment = new Dictionary<string, string> { ["EDGE_ADMIN_PORT"] = "off" },
        };
        await _docker.RunDetachedAsync(new DockerRunSettings(image) { Name = Upstream, Network = Network, Labels = hardened.Labels });
        await _docker.RunDetachedAsync(hardened);
    }

    public async Task DisposeAsync()
    {
        await _docker.ExecuteAsync(new DockerRmSettings([Edge, Upstream]) { Force = true, Volumes = true }, throwOnError: false);
        await _docker.ExecuteAsync(new DockerVolumeRmSettings(Volume), throwOnError: false);
        await _docker.ExecuteAsync(new DockerNetworkRmSettings(Network), throwOnError: false);
    }

    [Fact]
    public async Task Docker_exec_of_the_admin_command_line_routes_checks_and_reads_metrics_with_no_admin_port()
    {
        var health = await WaitUntilAsync(() => AdminAsync("health"), TimeSpan.FromSeconds(30));
        var check = await AdminAsync("health-check", "--upstream", $"{Upstream}:8080", "--path", "/health/ready");
        var switched = await AdminAsync("switch", "--upstream", $"{Upstream}:8080", "--version", "1.0.0", "--generation", "0");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var forwarded = await http.GetAsync($"http://127.0.0.1:{PublicPort}/anything");
        var conflict = await AdminAsync("switch", "--upstream", $"{Upstream}:8080", "--version", "2.0.0", "--generation", "0");
        var metrics = await AdminAsync("metrics");
        var inspect = await _docker.InspectContainerAsync(Edge);

        Assert.Equal(0, health.ExitCode);
        Assert.Equal(1, check.ExitCode); // the upstream edge has no route: 503
        Assert.False(Json<UpstreamHealthView>(check).Healthy);
        Assert.Equal(0, switched.ExitCode);
        Assert.Equal(1, Json<RouteSwitchResult>(switched).Generation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, forwarded.StatusCode);
        Assert.Contains("No route", await forwarded.Content.ReadAsStringAsync()); // the upstream's own answer, passed through
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains(AdminPaths.GenerationConflictType, conflict.Output);
        var counted = Json<EdgeMetricsView>(metrics).Upstreams.Single();
        Assert.Equal((1L, 1L, 0L), (counted.Total.Requests, counted.Total.Status5xx, counted.Total.UpstreamFailures));
        Assert.Equal([$"{EdgeContainerSpec.ContainerPublicPort}/tcp"], inspect!.ActivePorts.Select(p => p.ContainerPort).Distinct()); // nothing else reaches the host
    }

    private Task<Drydock.Engine.Tooling.ToolResult> AdminAsync(params string[] args) =>
        _docker.ExecAsync(new DockerExecSettings(Edge, ["/app/Drydock.Edge", "admin", .. args]), throwOnError: false);

    private static T Json<T>(Drydock.Engine.Tooling.ToolResult result) =>
        JsonSerializer.Deserialize<T>(result.Output, EdgeJson.Options) ?? throw new InvalidDataException(result.Output);

    private static async Task<Drydock.Engine.Tooling.ToolResult> WaitUntilAsync(Func<Task<Drydock.Engine.Tooling.ToolResult>> attempt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await attempt();
            if (result.Succeeded || DateTime.UtcNow > deadline)
                return result;
            await Task.Delay(250);
        }
    }
}
