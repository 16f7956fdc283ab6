using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// The edge (<see cref="DeployEdge"/>) in an environment's own per-port container: its container spec from the
/// environment's port and bind, its network, and its view (where it answers, its route table). Holds no state: what a
/// run learns about the edge travels in its <see cref="EnvironmentSnapshot"/>.
/// </summary>
public sealed class EnvironmentEdge(DockerCli docker, IBuildLog log, EdgeStrategyOptions options)
{
    public DeployEdge Edge { get; } = new(docker, log, options);

    /// <summary>The edge container spec of an environment; ensures the edge image exists.</summary>
    /// <param name="existing">The environment's edge container as read: when it runs an image of today's edge sources, that image is the one (no image lookup).</param>
    public async Task<EdgeContainerSpec> SpecAsync(EnvironmentId environment, EnvironmentConfig config, ContainerState? existing, CancellationToken cancellationToken) =>
        new EdgeContainerSpec(environment, await Edge.ImageAsync(existing, cancellationToken), config.HostPort) { Bind = config.Bind };

    /// <summary>The environment's private network (releases join it before the edge exists when the port is being moved).</summary>
    public Task EnsureNetworkAsync(EdgeContainerSpec spec, CancellationToken cancellationToken) =>
        Edge.EnsureExistsAsync(spec.ToNetworkSettings(), $"create network {spec.Network}", cancellationToken);

    /// <summary>Creates, starts or keeps the edge container until its admin API answers.</summary>
    /// <param name="existing">The edge container as read under the lock; null: there is none.</param>
    public Task<RunningEdge> EnsureRunningAsync(EdgeContainerSpec spec, ContainerState? existing, CancellationToken cancellationToken) =>
        new EdgeProvisioner(Edge, docker, log).EnsureAsync(spec, existing, cancellationToken);

    /// <summary>The edge's view under the lock: it answers (started if it was stopped: its routes can only be read from a running edge), and its route table.</summary>
    public async Task<EdgeView> ReadAsync(EnvironmentId environment, EnvironmentConfig config, ContainerState container, CancellationToken cancellationToken)
    {
        var running = await EnsureRunningAsync(await SpecAsync(environment, config, container, cancellationToken), container, cancellationToken);
        using var admin = running.CreateClient();
        return new EdgeView(container, running, await admin.GetRoutesAsync(cancellationToken));
    }

    /// <summary>An admin client of a running edge: <c>docker exec</c> of its own admin command line, through this run's engine.</summary>
    public EdgeAdminClient Client(ContainerState edge) => Edge.Admin(edge.Name);
}
