using Drydock.Docker;
using Drydock.Edge.Client;
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
    public async Task<EdgeContainerSpec> SpecAsync(string app, string environment, EnvironmentConfig config, CancellationToken cancellationToken)
    {
        _image ??= await EdgeImage.EnsureAsync(docker, log, new EdgeImageSource(options.RepositoryRoot),
            options.WorkDirectory ?? Path.Combine(options.RepositoryRoot, ".nuke", "temp"), options.BaseImage, cancellationToken);
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
    public async Task<RunningEdge> EnsureRunningAsync(EdgeContainerSpec spec, CancellationToken cancellationToken)
    {
        if (_running is { } known && known.Fingerprint == spec.Fingerprint())
            return known.Edge;
        var edge = await new EdgeProvisioner(docker, log).EnsureAsync(spec, options.StartTimeout, options.RecreateOutdatedEdge, cancellationToken);
        _running = (spec.Fingerprint(), edge);
        return edge;
    }

    /// <summary>Called at the start of every deploy and rollback: the edge may have been restarted (new admin port) since the last one.</summary>
    public void Forget() => _running = null;

    /// <summary>The edge container as it is now; null when the environment has none.</summary>
    public Task<ContainerDetails?> InspectAsync(string app, string environment, CancellationToken cancellationToken) =>
        docker.InspectContainerAsync(EdgeNames.Container(app, environment), cancellationToken);

    /// <summary>An admin client of a running edge (its loopback admin port is read with <c>docker port</c>).</summary>
    public async Task<EdgeAdminClient> ClientAsync(string app, string environment, CancellationToken cancellationToken) =>
        new(await new EdgeProvisioner(docker, log).AdminAddressAsync(app, environment, cancellationToken));
}
