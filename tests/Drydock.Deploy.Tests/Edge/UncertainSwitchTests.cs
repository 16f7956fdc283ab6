using System.Text.Json;
using Drydock.Docker;
using Drydock.Edge.Contract;
using Drydock.Engine.Tooling;

namespace Drydock.Deploy.Tests;

/// <summary>A route switch whose answer is lost (a cancelled docker exec, an admin timeout) may have been applied: the edge never ends up routing to a removed container.</summary>
public sealed class UncertainSwitchTests
{
    private const string Old = "notes-local-1.0.0-a1a1a1";
    private const string EdgeName = "drydock-edge-notes-local";
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly ReleaseSpec _spec = Samples.Spec("2.0.0", config: new EnvironmentConfig { HealthPath = null, DeployTimeout = TimeSpan.FromSeconds(2) });
    private readonly ReleaseStamp _stamp = Samples.Stamp("b2b2b2");
    private string _active = Upstream(Old);
    private int _switches;

    private static string Upstream(string container) => EdgeRoutes.Upstream(container, new EnvironmentConfig());

    private RouteTableView Routes() => new(7 + _switches, new ActiveRouteView(_active, "v", DateTimeOffset.UnixEpoch), []);

    /// <summary>The edge applies every switch; the first one's answer never reaches the deploy.</summary>
    private ToolResult Edge(IReadOnlyList<string> arguments, string body)
    {
        var method = arguments[arguments.ToList().IndexOf("--method") + 1];
        if (method == "PUT")
        {
            _active = JsonSerializer.Deserialize<RouteChange>(body, EdgeJson.Options)!.Upstream;
            if (++_switches == 1)
                throw new OperationCanceledException("docker exec was interrupted after the edge switched");
            return new ToolResult(0, ["200", JsonSerializer.Serialize(new RouteSwitchResult(true, 8, new ActiveRouteView(_active, "v", DateTimeOffset.UnixEpoch), null), EdgeJson.Options)], []);
        }
        return new ToolResult(0, ["200", JsonSerializer.Serialize(Routes(), EdgeJson.Options)], []);
    }

    [Fact]
    public async Task A_switch_applied_before_its_answer_was_lost_never_leaves_the_route_at_a_removed_release()
    {
        _engine.Exec = Edge;
        var docker = new DockerCli(_engine);
        var containers = new EnvironmentContainers(docker);
        var context = new DeployContext(containers, new HealthWaiter(containers, FakeProbe.AlwaysHealthy(), TimeProvider.System, _log) { PollInterval = TimeSpan.FromMilliseconds(5) }, _log, TimeProvider.System);
        _engine.Add(Old, ReleaseLabels.ForRelease(Samples.Spec("1.0.0", Samples.DigestB), Samples.Stamp("a1a1a1"), ContainerRole.Release), running: true);
        var serving = (await containers.InspectAsync(Old, CancellationToken.None))!;
        var edgeContainer = new ContainerState("e", EdgeName, "sha256:e", "drydock/edge:1", new Dictionary<string, string>()) { Running = true };
        var edge = new EdgeView(edgeContainer, new RunningEdge(EdgeName, docker, 8080, EdgeContainerAction.Keep, "up"), Routes());
        var snapshot = new EnvironmentSnapshot(_spec.Id, [serving], []) { Edge = edge };
        var options = new EdgeStrategyOptions("/repo");
        var strategy = new EdgeStrategy(new EnvironmentEdge(docker, _log, options), options);

        await Assert.ThrowsAnyAsync<Exception>(() => strategy.RollOutAsync(new Rollout(context, _spec, _stamp, snapshot, new Dictionary<string, string>()), CancellationToken.None));

        var routed = EdgeRoutes.Container(_active)!;
        Assert.True(_engine.Containers.TryGetValue(routed, out var container) && container.Running, $"the edge routes to {routed}, which no longer runs");
    }

    [Fact]
    public void A_release_the_edge_does_not_route_to_is_removed_one_it_routes_to_is_switched_back_first_or_kept()
    {
        var previous = new ActiveRouteView(Upstream(Old), "1.0.0", DateTimeOffset.UnixEpoch);
        var fresh = Upstream("notes-local-2.0.0-b2b2b2");
        RouteTableView At(string upstream) => new(3, new ActiveRouteView(upstream, "v", DateTimeOffset.UnixEpoch), []);

        Assert.Equal(UncertainSwitchAction.Remove, UncertainSwitch.Decide(At(Upstream(Old)), fresh, previous));
        Assert.Equal(UncertainSwitchAction.RevertThenRemove, UncertainSwitch.Decide(At(fresh), fresh, previous));
        Assert.Equal(UncertainSwitchAction.Keep, UncertainSwitch.Decide(At(fresh), fresh, previous: null));
        Assert.Equal(UncertainSwitchAction.Keep, UncertainSwitch.Decide(after: null, fresh, previous));
    }
}
