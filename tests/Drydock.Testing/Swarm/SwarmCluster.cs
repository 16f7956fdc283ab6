using System.Diagnostics;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Testing.Nodes;

namespace Drydock.Testing.Swarm;

/// <summary>Ports and names of one swarm test cluster.</summary>
public sealed record SwarmClusterOptions(string Prefix, int SshPortBase, int AppPortBase, int RegistryPort)
{
    public int Count { get; init; } = 3;

    /// <summary>The port each node publishes on 127.0.0.1:(AppPortBase + i): what a host-mode service binds on the node.</summary>
    public int AppContainerPort { get; init; } = 80;

    /// <summary>Ports the manager alone publishes on 127.0.0.1 under the same number: another environment's port, reached through the manager's edge.</summary>
    public IReadOnlyList<int> ManagerPorts { get; init; } = [];
}

/// <summary>
/// A 3-node swarm (node 1 the manager, the others workers) on test nodes, a TLS registry every node pulls from by one
/// name, and an SSH tunnel to the manager's engine (the path Drydock drives a cluster by). Node-to-node traffic stays
/// on the nodes' docker network; the runner uses only 127.0.0.1 published ports. Everything goes when disposed.
/// </summary>
public sealed class SwarmCluster : IAsyncDisposable
{
    private readonly DockerCli _docker;
    private readonly IBuildLog _log;
    private readonly List<(string Phase, TimeSpan Took)> _timings = [];
    private NodeCluster? _nodes;
    private TestCertificateAuthority? _authority;
    private string? _registryContainer;
    private SshEngineTunnel? _tunnel;

    private SwarmCluster(DockerCli docker, IBuildLog log, SwarmClusterOptions options, string directory)
    {
        _docker = docker;
        _log = log;
        Options = options;
        Directory = directory;
    }

    public SwarmClusterOptions Options { get; }

    /// <summary>The run's private directory (mode 700): registry certificate, key and config.</summary>
    public string Directory { get; }

    public NodeCluster Nodes => _nodes ?? throw new InvalidOperationException("The cluster has no nodes yet.");

    public TestNode Manager => Nodes.Nodes[0];

    public IReadOnlyList<TestNode> Workers => Nodes.Nodes.Skip(1).ToArray();

    public TlsRegistry Registry { get; private set; } = null!;

    public TestCertificateAuthority Authority => _authority ?? throw new InvalidOperationException("No CA yet.");

    /// <summary>The manager's engine through the SSH tunnel.</summary>
    public DockerCli ManagerDocker { get; private set; } = null!;

    /// <summary>The outer engine, where the nodes run as containers.</summary>
    public DockerCli OuterDocker => _docker;

    public IReadOnlyList<(string Phase, TimeSpan Took)> Timings => _timings;

    public static async Task<SwarmCluster> StartAsync(DockerCli docker, IBuildLog log, SwarmClusterOptions options, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory($"drydock-{options.Prefix}-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cluster = new SwarmCluster(docker, log, options, directory);
        try
        {
            cluster._nodes = await NodeCluster.StartAsync(docker, log, new NodeClusterOptions(options.Prefix, options.SshPortBase)
            {
                Count = options.Count,
                AppPortBase = options.AppPortBase,
                AppContainerPort = options.AppContainerPort,
                SamePorts = options.ManagerPorts,
            }, cancellationToken);
            cluster._timings.AddRange(cluster._nodes.Timings);
            await cluster.TimeAsync("registry", () => cluster.StartRegistryAsync(cancellationToken));
            await cluster.TimeAsync("swarm", () => cluster.FormSwarmAsync(cancellationToken));
            await cluster.TimeAsync("tunnel", () => cluster.OpenTunnelAsync(cancellationToken));
            log.Write(LogLevel.Information, $"Swarm up: manager {cluster.Manager.Name}, workers {string.Join(", ", cluster.Workers.Select(w => w.Name))}, registry {cluster.Registry.Host} ({string.Join(", ", cluster._timings.Select(t => $"{t.Phase} {t.Took.TotalSeconds:F1} s"))})");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A command on a node's own engine, run through <c>docker exec</c> on the outer engine (setup and faults only).</summary>
    public Task<Drydock.Engine.Tooling.ToolResult> OnNodeAsync(TestNode node, IReadOnlyList<string> command, string? input = null, bool throwOnError = true, CancellationToken cancellationToken = default) =>
        _docker.Runner.RunAsync(
            _docker.Command(new DockerExecSettings(node.Name, command) { Interactive = input is not null }) with { StandardInput = input, ThrowOnError = throwOnError, EchoOutput = false },
            cancellationToken);

    private async Task StartRegistryAsync(CancellationToken cancellationToken)
    {
        _authority = new TestCertificateAuthority($"{Options.Prefix} test CA");
        var container = $"{Options.Prefix}-registry";
        _registryContainer = container;
        Registry = await TlsRegistry.StartAsync(
            _docker, _authority, NodeImage.Name, container, Nodes.Network, Options.RegistryPort, Directory,
            StaleNodes.Labels(Options.Prefix), cancellationToken);
        // Each node's engine trusts the CA for that one registry: certs.d is read on every pull, no restart needed.
        var path = $"/etc/docker/certs.d/{Registry.Host}";
        await Task.WhenAll(Nodes.Nodes.Select(node =>
            OnNodeAsync(node, ["sh", "-c", $"mkdir -p '{path}' && cat > '{path}/ca.crt'"], Authority.CertificatePem, cancellationToken: cancellationToken)));
    }

    private async Task FormSwarmAsync(CancellationToken cancellationToken)
    {
        // eth0 is the node's only interface on the nodes' network: swarm resolves it to the container's IP there.
        await OnNodeAsync(Manager, ["docker", .. new DockerSwarmInitSettings("eth0").ToArguments()], cancellationToken: cancellationToken);
        var token = (await OnNodeAsync(Manager, ["docker", .. new DockerSwarmJoinTokenSettings(SwarmRole.Worker).ToArguments()], cancellationToken: cancellationToken)).Output.Trim();
        // The token arrives on stdin, so it is on no command line of the runner (only on the joining node's own).
        await Task.WhenAll(Workers.Select(worker =>
            OnNodeAsync(worker, ["sh", "-c", $"read -r token && exec docker swarm join --token \"$token\" {Manager.Name}:2377"], token + "\n", cancellationToken: cancellationToken)));
    }

    private async Task OpenTunnelAsync(CancellationToken cancellationToken)
    {
        var options = new SshTunnelOptions(Manager.Target) { IdentityFile = Nodes.Key.PrivateKeyPath, KnownHostsFile = Nodes.KnownHostsFile };
        _tunnel = await SshEngineTunnel.OpenAsync(options, _docker, _log, cancellationToken);
        ManagerDocker = _tunnel.Docker(_docker);
    }

    private async Task TimeAsync(string phase, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        _timings.Add((phase, clock.Elapsed));
    }

    public async ValueTask DisposeAsync()
    {
        if (_tunnel is not null)
            await _tunnel.DisposeAsync();
        if (_registryContainer is not null)
            await _docker.ExecuteAsync(new DockerRmSettings([_registryContainer]) { Force = true, Volumes = true }, throwOnError: false, echoOutput: false);
        if (_nodes is not null)
            await _nodes.DisposeAsync();
        _authority?.Dispose();
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
