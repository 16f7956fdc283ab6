using Drydock.Docker;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// An environment's edge as the deploy code uses it: its image (built once per change to the edge), its container spec
/// from the environment's port and bind, its network, and an admin client once it answers.
/// </summary>
public sealed class EnvironmentEdge(DockerCli docker, IBuildLog log, EdgeStrategyOptions options)
{
    private string? _image;
    private (string Fingerprint, RunningEdge Edge)? _running;

    /// <summary>The edge container spec of an environment; ensures the edge image exists.</summary>
    /// <param name="running">The environment's edge container as just inspected: when it runs an image of today's edge sources, that image is the one (no image lookup).</param>
    public async Task<EdgeContainerSpec> SpecAsync(string app, string environment, EnvironmentConfig config, ContainerDetails? running, CancellationToken cancellationToken)
    {
        var source = new EdgeImageSource(options.RepositoryRoot);
        _image ??= (running is not null && options.BaseImage is null ? EdgeImage.RunningFromSources(running, source) : null)
            ?? await EdgeImage.EnsureAsync(docker, log, source, options.WorkDirectory ?? Path.Combine(options.RepositoryRoot, ".nuke", "temp"), options.BaseImage, cancellationToken);
        return new EdgeContainerSpec(app, environment, _image, config.HostPort) { Bind = config.Bind };
    }

    /// <summary>The environment's private network (releases join it before the edge exists when the port is being moved).</summary>
    public async Task EnsureNetworkAsync(EdgeContainerSpec spec, CancellationToken cancellationToken)
    {
        var result = await docker.ExecuteAsync(spec.ToNetworkSettings(), throwOnError: false, echoOutput: false, cancellationToken);
        if (!result.Succeeded && !result.StandardError.Any(line => line.Contains("already exists", StringComparison.Ordinal)))
            throw new DeployException($"Could not create network {spec.Network}: {result.Error}. Nothing was changed.");
    }

    /// <summary>
    /// Creates, starts or keeps the edge container until its admin API answers. Within one deploy or rollback (see
    /// <see cref="Forget"/>) an edge already ensured is not asked again: every docker call is a process start.
    /// </summary>
    /// <param name="inspected">The edge container as the caller just inspected it, saving a docker call; null: inspect it here.</param>
    public async Task<RunningEdge> EnsureRunningAsync(EdgeContainerSpec spec, CancellationToken cancellationToken, ContainerDetails? inspected = null)
    {
        if (_running is { } known && known.Fingerprint == spec.Fingerprint())
            return known.Edge;
        var provisioner = new EdgeProvisioner(docker, log);
        var edge = inspected is null
            ? await provisioner.EnsureAsync(spec, options.StartTimeout, options.RecreateOutdatedEdge, cancellationToken)
            : await provisioner.EnsureAsync(spec, inspected, options.StartTimeout, options.RecreateOutdatedEdge, cancellationToken);
        _running = (spec.Fingerprint(), edge);
        return edge;
    }

    /// <summary>Called at the start of every deploy and rollback: the edge may have been restarted (new admin port) since the last one.</summary>
    public void Forget() => (_running, _routes) = (null, null);

    private RouteTableView? _routes;

    /// <summary>
    /// The route table as the lock holder last read it, kept for the switch that follows in the same run (nothing else
    /// switches an environment's edge while its lock is held, and the switch is generation-guarded anyway). Taking it
    /// clears it: after a switch the table must be read again.
    /// </summary>
    public void RememberRoutes(RouteTableView routes) => _routes = routes;

    /// <summary>The route table remembered by <see cref="RememberRoutes"/>, or a fresh read.</summary>
    public async Task<RouteTableView> TakeRoutesAsync(EdgeAdminClient admin, CancellationToken cancellationToken)
    {
        var remembered = _routes;
        _routes = null;
        return remembered ?? await admin.GetRoutesAsync(cancellationToken);
    }

    /// <summary>The edge container as it is now; null when the environment has none.</summary>
    public Task<ContainerDetails?> InspectAsync(string app, string environment, CancellationToken cancellationToken) =>
        docker.InspectContainerAsync(EdgeNames.Container(app, environment), cancellationToken);

    /// <summary>An admin client of a running edge, at the loopback admin port its inspect names.</summary>
    public EdgeAdminClient Client(ContainerDetails edge) =>
        new(new EdgeProvisioner(docker, log).AdminAddress(edge)
            ?? throw new InvalidOperationException($"{edge.Name} publishes no admin port (is it running?); see docker logs {edge.Name}."));
}
