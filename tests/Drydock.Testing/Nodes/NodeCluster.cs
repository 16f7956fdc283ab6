using System.Diagnostics;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;

namespace Drydock.Testing.Nodes;

/// <summary>
/// N test nodes on a user-defined network (so they reach each other by name, as Swarm needs), one key for the run,
/// their host keys in a private known_hosts file. Removes everything it created when disposed. Times each phase.
/// </summary>
public sealed class NodeCluster : IAsyncDisposable
{
    private readonly DockerCli _docker;
    private readonly IBuildLog _log;
    private readonly List<string> _containers = [];
    private readonly List<string> _volumes = [];
    private readonly List<(string Phase, TimeSpan Took)> _timings = [];
    private string? _network;

    private NodeCluster(DockerCli docker, IBuildLog log, NodeClusterOptions options, NodeKey key)
    {
        _docker = docker;
        _log = log;
        Options = options;
        Key = key;
    }

    public NodeClusterOptions Options { get; }

    public NodeKey Key { get; }

    public IReadOnlyList<TestNode> Nodes { get; private set; } = [];

    public string Network => _network ?? throw new InvalidOperationException("The cluster has no network yet.");

    /// <summary>Every node's host key, mode 600, beside the run's private key.</summary>
    public string KnownHostsFile => Path.Combine(Key.Directory, "known_hosts");

    public IReadOnlyList<(string Phase, TimeSpan Took)> Timings => _timings;

    public static async Task<NodeCluster> StartAsync(DockerCli docker, IBuildLog log, NodeClusterOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await StaleNodes.RemoveAsync(docker, log, cancellationToken);
        var image = await NodeImage.EnsureAsync(docker, log, cancellationToken);
        var imageTook = clock.Elapsed;
        var key = await NodeKey.CreateAsync(docker.Runner, $"{options.Prefix}-test-run", cancellationToken);
        var cluster = new NodeCluster(docker, log, options, key);
        cluster._timings.Add(("image", imageTook));
        try
        {
            await cluster.TimeAsync("network", () => cluster.CreateNetworkAsync(cancellationToken));
            var nodes = await cluster.TimeAsync("start", () => Task.WhenAll(Enumerable.Range(0, options.Count).Select(i => cluster.RunNodeAsync(image, i, cancellationToken))));
            cluster.Nodes = await cluster.TimeAsync("ready", () => Task.WhenAll(nodes.Select(n => cluster.WaitUntilReadyAsync(n, cancellationToken))));
            await NodeSsh.WritePrivateFileAsync(cluster.KnownHostsFile, string.Join('\n', cluster.Nodes.Select(n => n.KnownHostsLine)) + "\n", cancellationToken);
            log.Write(LogLevel.Information, $"Test nodes up: {string.Join(", ", cluster.Nodes.Select(n => n.SshUrl))} ({string.Join(", ", cluster._timings.Select(t => $"{t.Phase} {t.Took.TotalSeconds:F1} s"))})");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>ssh arguments for a node with the run's key and known_hosts (host key checking on).</summary>
    public SshConnectionSettings Connection(TestNode node) =>
        new(node.Target) { KnownHostsFile = KnownHostsFile, IdentityFile = Key.PrivateKeyPath };

    private async Task CreateNetworkAsync(CancellationToken cancellationToken)
    {
        var name = $"{Options.Prefix}-net";
        await _docker.CreateNetworkAsync(new DockerNetworkCreateSettings(name) { Labels = Labels }, cancellationToken);
        _network = name;
    }

    private async Task<TestNode> RunNodeAsync(string image, int index, CancellationToken cancellationToken)
    {
        var name = $"{Options.Prefix}-{index + 1}";
        var node = new TestNode(name, $"{name}-docker", Options.SshPortBase + index, Options.AppPortBase + index, !Options.WithoutEngine.Contains(index));
        await _docker.CreateVolumeAsync(new DockerVolumeCreateSettings(node.Volume) { Labels = Labels }, cancellationToken);
        lock (_volumes)
            _volumes.Add(node.Volume);
        lock (_containers)
            _containers.Add(name);
        await _docker.RunDetachedAsync(RunSettings(image, node), cancellationToken);
        return node;
    }

    /// <summary>
    /// The only way a nested engine runs on this machine: every capability but SYS_RESOURCE (not in the bounding set,
    /// which is why --privileged fails), no seccomp/apparmor filter, private /run, and the cgroup tree writable.
    /// </summary>
    public DockerRunSettings RunSettings(string image, TestNode node) =>
        new(image)
        {
            Name = node.Name,
            Hostname = node.Name,
            Network = _network,
            Labels = Labels,
            CapAdd = ["ALL"],
            CapDrop = ["SYS_RESOURCE"],
            SecurityOpt = ["seccomp=unconfined", "apparmor=unconfined"],
            Tmpfs = ["/run", "/var/run"],
            Volumes = [new VolumeMount("/sys/fs/cgroup", "/sys/fs/cgroup"), new VolumeMount(node.Volume, "/var/lib/docker")],
            Publish = [new PortMapping(node.SshPort, 22), .. node.AppPort is { } app ? [new PortMapping(app, Options.AppContainerPort)] : Array.Empty<PortMapping>(),
                .. (node.SshPort == Options.SshPortBase ? Options.SamePorts : []).Select(port => new PortMapping(port, port))],
            Environment = new Dictionary<string, string>
            {
                [NodeEntrypoint.AuthorizedKeyVariable] = Key.PublicKey,
                [NodeEntrypoint.EngineVariable] = node.HasEngine ? "1" : "0",
            },
            Command = NodeEntrypoint.Command,
        };

    private async Task<TestNode> WaitUntilReadyAsync(TestNode node, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Options.ReadyTimeout;
        var hostKey = await NodeSsh.ReadHostKeyAsync(_docker, node, deadline, cancellationToken);
        var ready = node with { KnownHostsLine = $"{node.Target.KnownHostsName} {hostKey}" };
        var knownHosts = Path.Combine(Key.Directory, $"known_hosts-{node.Name}");
        await NodeSsh.WritePrivateFileAsync(knownHosts, ready.KnownHostsLine + "\n", cancellationToken);
        var connection = new SshConnectionSettings(node.Target) { KnownHostsFile = knownHosts, IdentityFile = Key.PrivateKeyPath };
        // A node with an engine is ready when docker answers over SSH; one without, when SSH does.
        string[] probe = node.HasEngine ? ["docker", "version", "--format", "{{.Server.Version}}"] : ["true"];
        ToolResult? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await _docker.Runner.RunAsync(NodeSsh.Command(connection, probe) with { ThrowOnError = false }, cancellationToken);
            if (last.Succeeded)
                return ready;
            await Task.Delay(200, cancellationToken);
        }
        var logs = await _docker.LogsAsync(new DockerLogsSettings(node.Name) { Tail = 20 }, cancellationToken);
        throw new InvalidOperationException(
            $"Test node {node.Name} did not answer over SSH within {Options.ReadyTimeout.TotalSeconds:F0} s: {last?.Error}\n{logs.Output}\n{logs.Error}");
    }

    private IReadOnlyDictionary<string, string> Labels => StaleNodes.Labels(Options.Prefix);

    private async Task<T> TimeAsync<T>(string phase, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        _timings.Add((phase, clock.Elapsed));
        return result;
    }

    private Task TimeAsync(string phase, Func<Task> action) => TimeAsync(phase, async () => { await action(); return 0; });

    public async ValueTask DisposeAsync()
    {
        var clock = Stopwatch.StartNew();
        if (_containers.Count > 0)
            await _docker.ExecuteAsync(new DockerRmSettings(_containers) { Force = true, Volumes = true }, throwOnError: false, echoOutput: false);
        if (_volumes.Count > 0)
            await _docker.ExecuteAsync(new DockerVolumeRmSettings(_volumes) { Force = true }, throwOnError: false, echoOutput: false);
        if (_network is not null)
            await _docker.ExecuteAsync(new DockerNetworkRmSettings(_network), throwOnError: false, echoOutput: false);
        Key.Dispose();
        _log.Write(LogLevel.Information, $"Test nodes removed ({clock.Elapsed.TotalSeconds:F1} s)");
    }
}
