using System.Net;
using System.Net.Http.Json;
using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;

namespace Drydock.Deploy.Tests;

/// <summary>A failed rollout on the host-wide edge whose last host switch may have been applied: no host ends up routing to a removed release.</summary>
public sealed class UncertainHostSwitchTests
{
    private const string New = "notes-local-2.0.0-b2b2b2";
    private static readonly string NewUpstream = EdgeRoutes.Upstream(New, new EnvironmentConfig());
    private static readonly ActiveRouteView Old = new(EdgeRoutes.Upstream("notes-local-1.0.0-a1a1a1", new EnvironmentConfig()), "1.0.0", DateTimeOffset.UnixEpoch);
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly Dictionary<string, ActiveRouteView?> _routes = [];

    private DeployContext Context()
    {
        var containers = new EnvironmentContainers(new DockerCli(_engine));
        return new DeployContext(containers, new HealthWaiter(containers, FakeProbe.AlwaysHealthy(), TimeProvider.System, _log), _log, TimeProvider.System);
    }

    private EdgeAdminClient Admin() => new(new Uri("http://edge.test/"), new HostsHandler(_routes));

    [Fact]
    public async Task A_host_switched_though_its_answer_was_lost_goes_back_before_the_release_is_removed()
    {
        _engine.Add(New, new Dictionary<string, string>(), running: true);
        (_routes["a.test"], _routes["b.test"]) = (new ActiveRouteView(NewUpstream, "2.0.0", DateTimeOffset.UnixEpoch), Old);

        using var admin = Admin();
        await UncertainHostSwitch.RemoveUnlessRoutedAsync(Context(), admin, [("a.test", Old), ("b.test", Old)], new ContainerName(New), NewUpstream);

        Assert.Equal([Old.Upstream, Old.Upstream], _routes.Values.Select(r => r!.Upstream));
        Assert.False(_engine.Containers.ContainsKey(New));
    }

    [Fact]
    public async Task A_host_that_had_nothing_before_and_now_routes_to_the_release_keeps_it()
    {
        _engine.Add(New, new Dictionary<string, string>(), running: true);
        (_routes["a.test"], _routes["b.test"]) = (Old, new ActiveRouteView(NewUpstream, "2.0.0", DateTimeOffset.UnixEpoch));

        using var admin = Admin();
        await UncertainHostSwitch.RemoveUnlessRoutedAsync(Context(), admin, [("a.test", Old), ("b.test", null)], new ContainerName(New), NewUpstream);

        Assert.True(_engine.Containers[New].Running);
        Assert.Contains($"{New} was kept: b.test", _log.Text, StringComparison.Ordinal);
    }

    /// <summary>The edge's <c>/hosts</c> list and per-host switch over a dictionary.</summary>
    private sealed class HostsHandler(Dictionary<string, ActiveRouteView?> routes) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
            if (request.Method == HttpMethod.Put && path is ["hosts", var host, "route"])
            {
                var change = (await request.Content!.ReadFromJsonAsync<RouteChange>(EdgeJson.Options, cancellationToken))!;
                routes[host] = new ActiveRouteView(change.Upstream, change.Version, DateTimeOffset.UnixEpoch);
                return Json(new RouteSwitchResult(true, 2, routes[host]!, null));
            }
            return Json(routes.Select(r => new HostView(r.Key, "/", "off", 1, r.Value, null)).ToList());
        }

        private static HttpResponseMessage Json<T>(T value) => new(HttpStatusCode.OK) { Content = JsonContent.Create(value, options: EdgeJson.Options) };
    }
}
