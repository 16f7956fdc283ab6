using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Registry;
using Drydock.Testing.Nodes;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// Once per run: two test nodes (one with an engine, one standing in for a host without Docker), a registry of the
/// runner on 127.0.0.1:18650 and a probe image made here and pushed to it. Everything goes at the end.
/// Ports 18600-18699 and the "node-" prefix belong to this suite.
/// </summary>
public sealed class NodesFixture : IAsyncLifetime
{
    public const int SshPortBase = 18600;
    public const int RegistryPort = 18650;

    /// <summary>A port in the suite's range nobody listens on: an unreachable host.</summary>
    public const int ClosedPort = 18698;

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    public CapturingBuildLog SetupLog { get; } = new();

    public NodeCluster Cluster { get; private set; } = null!;

    public TestNode Node => Cluster.Nodes[0];

    public TestNode NodeWithoutDocker => Cluster.Nodes[1];

    public LocalRegistryInstance Registry { get; private set; } = null!;

    /// <summary>The probe image pushed to the runner's registry: <c>127.0.0.1:18650/node/probe@sha256:…</c>.</summary>
    public string ProbeByDigest { get; private set; } = null!;

    public string WorkDirectory => RepositoryRoot.Temp($"node-{RunId}");

    public DockerCli CreateDocker(IBuildLog log) => new(new ProcessToolRunner(log, new SecretMasker()));

    /// <summary>Tunnel options for a node as CI gives them: known_hosts in SSH_KNOWN_HOSTS, the run's key.</summary>
    public SshTunnelOptions TunnelOptions(TestNode node) =>
        new SshTunnelOptions(node.Target) { IdentityFile = Cluster.Key.PrivateKeyPath }
            .WithKnownHostsFromEnvironment(name => name == SshTunnelOptions.KnownHostsVariable ? node.KnownHostsLine : null);

    public async Task InitializeAsync()
    {
        var docker = CreateDocker(SetupLog);
        await DockerEngine.EnsureAvailableAsync(docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        Cluster = await NodeCluster.StartAsync(docker, SetupLog, new NodeClusterOptions($"node-{RunId}", SshPortBase)
        {
            Count = 2,
            WithoutEngine = new HashSet<int> { 1 },
        });
        Registry = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(WorkDirectory, "registry")) { Address = $"127.0.0.1:{RegistryPort}" }, docker.Runner, SetupLog);
        var tag = $"{Registry.Address}/node/probe:{RunId}";
        await ProbeImage.ImportAsync(docker, tag, WorkDirectory);
        var pushed = await docker.PushAsync(tag);
        ProbeByDigest = $"{Registry.Address}/node/probe@{pushed.Digest}";
        await docker.ExecuteAsync(new DockerImageRmSettings(tag) { Force = true }, throwOnError: false);
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
            await Registry.StopAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class NodesCollection : ICollectionFixture<NodesFixture>
{
    public const string Name = "Test nodes";
}
