using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Testing.Builds;
using Drydock.Testing.Nodes;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// Once per run, what a team and its CI have: a "source" repository (a clone of this checkout's HEAD plus one commit
/// adding the <see cref="Environment"/> environments), three test nodes standing in for servers (ssh on
/// 127.0.0.1:21500-21502, each node's port 8080 published on 127.0.0.1:21510-21512), and an ssh-agent holding the run's
/// key (CI's ssh-agent step); known hosts go to each build through SSH_KNOWN_HOSTS (CI's secret). Fresh clones of the
/// source are made by the tests. Ports 21500-21999, names and labels "rem3".
/// The nodes have no internet: the edge image a first remote Deploy would build on the host (from the Debian archive)
/// is built here from the source's sources and loaded into each node, as bench/remote-deploy.sh does.
/// Commit before running: the clones are of HEAD, so working changes are not in them.
/// </summary>
public sealed class CloneFixture : IAsyncLifetime
{
    public const int SshPortBase = 21500;
    public const int AppPortBase = 21510;
    public const int AuthRegistryPort = 21560;
    public const string Environment = "rem3";
    private const int PortOnTheNode = 8080;

    private SshAgent? _agent;

    public string RunId { get; } = "rem3" + Guid.NewGuid().ToString("N")[..6];

    public string Root => Path.Combine(Path.GetTempPath(), RunId);

    public SourceRepository Source { get; private set; } = null!;

    /// <summary>
    /// The image (and app) name of an environment's releases: unique to the run, so its tags never meet another run's,
    /// and to the environment, since each test's clone makes its own commits (one version number, different commits).
    /// </summary>
    public string ImageFor(string environment) => $"{RunId}-{environment}";

    public CapturingBuildLog SetupLog { get; } = new();

    public NodeCluster Cluster { get; private set; } = null!;

    public string AgentSocket => Path.Combine(Root, "agent.sock");

    public DockerCli Docker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Docker = new DockerCli(new ProcessToolRunner(SetupLog, new SecretMasker()));
        await DockerEngine.EnsureAvailableAsync(Docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        var cluster = NodeCluster.StartAsync(Docker, SetupLog, new NodeClusterOptions(RunId, SshPortBase)
        {
            Count = 3,
            AppPortBase = AppPortBase,
            AppContainerPort = PortOnTheNode,
        });
        Source = await SourceRepository.CreateAsync(Docker.Runner, Root);
        await Source.CommitFilesAsync(
            new[] { Environment, Environment + "f", Environment + "h" }.ToDictionary(name => $".nuke/environments/{name}.json", _ => EnvironmentFile),
            "rem3 environments: servers over SSH");
        var edge = await EdgeImage.EnsureAsync(Docker, SetupLog, new EdgeImageSource(Source.Path), RepositoryRoot.Temp());
        Cluster = await cluster;
        foreach (var node in Cluster.Nodes)
            await Docker.Runner.RunAsync(new ToolCommand("sh", "-c", "docker save \"$1\" | docker exec -i \"$2\" docker load -q", "sh", edge, node.Name) { EchoOutput = false });
        _agent = await SshAgent.StartAsync(Docker.Runner, AgentSocket, Cluster.Key.PrivateKeyPath);
    }

    /// <summary>Every setting an environment on a test node needs: the node's port published, health quick, no verification window.</summary>
    public const string EnvironmentFile = """
        {
          "hostPort": 8080,
          "bind": "0.0.0.0",
          "healthCheck": { "interval": "1s", "startPeriod": "30s" },
          "keepReleases": 3,
          "deployTimeout": "90s",
          "drainTimeout": "5s",
          "verification": { "window": "0s" }
        }
        """;

    public TestNode Node(int index) => Cluster.Nodes[index];

    /// <summary>What CI gives a deploy job: the agent with the key, the node's host key as SSH_KNOWN_HOSTS.</summary>
    public Dictionary<string, string> CiEnvironment(TestNode node) => new()
    {
        ["SSH_AUTH_SOCK"] = AgentSocket,
        ["SSH_KNOWN_HOSTS"] = node.KnownHostsLine,
    };

    /// <summary>A fresh clone of the source, as a new CI job checks it out.</summary>
    public Task<string> CloneAsync(string name) => Source.CloneAsync(name);

    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private string? _shared;
    private string? _offered;

    /// <summary>
    /// One clone for the tests that need a clone but not a clean one (faults, registry, refusals), so its build project
    /// compiles once (about 100 s here) instead of once per test. They use their own environments and image names.
    /// When the clean-clone test ran first, its second clone (HEAD of the source, built) is that clone: one compile less.
    /// </summary>
    public async Task<string> SharedCloneAsync()
    {
        await _sharedLock.WaitAsync();
        try
        {
            return _shared ??= _offered ?? await CloneAsync("shared");
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    /// <summary>A clone a clean-clone test is done with, for <see cref="SharedCloneAsync"/>; never handed to a test that needs a clean one.</summary>
    public async Task OfferForSharingAsync(string clone)
    {
        await _sharedLock.WaitAsync();
        try
        {
            _offered ??= clone;
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    /// <summary>A new commit on a clone (a new version by GitVersion).</summary>
    public Task CommitAsync(string clone, string message) => Source.CommitAsync(clone, message);

    /// <summary>The common arguments of a build against node <paramref name="node"/>.</summary>
    public string[] Against(TestNode node, string environment) =>
        ["--environment", environment, "--host", node.SshUrl, "--image-name", ImageFor(environment), "--skip", "Restore", "Compile", "Test"];

    /// <summary>docker on the node itself (through the outer engine's exec, not SSH): what a person on the server sees.</summary>
    public Task<ToolResult> OnNodeAsync(TestNode node, IReadOnlyDictionary<string, string?>? environment, params string[] command) =>
        Docker.Runner.RunAsync(new ToolCommand("docker", ["exec", .. (environment ?? new Dictionary<string, string?>()).Keys.SelectMany(k => new[] { "-e", k }), node.Name, .. command])
        {
            EchoOutput = false,
            ThrowOnError = false,
            Environment = environment ?? new Dictionary<string, string?>(),
        });

    public async Task DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        // The releases this run built on the runner's engine (the nodes went with their volumes), the source and the clones.
        if (Source is not null)
            await Source.RemoveAsync(RunId);
        else if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
        _sharedLock.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClonesCollection : ICollectionFixture<CloneFixture>
{
    public const string Name = "Clones deploying to test nodes";
}
