using System.Text.Json;
using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Testing.Builds;
using Drydock.Testing.Nodes;
using Drydock.Testing.Swarm;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// What a team with a cluster has, once per run: a 3-node swarm (node 1 the manager) with a TLS registry every node
/// pulls from by its name (the runner pushes to it through 127.0.0.1), a "source" repository (a clone of this
/// checkout's HEAD plus one commit with <c>.nuke/environments/cluster.json</c> and the image name), and an ssh-agent
/// holding the nodes' key (CI's ssh-agent step; known hosts go to each build through SSH_KNOWN_HOSTS). The tests make
/// fresh clones of the source and run <c>./build.sh</c> in them, as CI jobs do.
/// The nodes have no internet: the edge image a first Deploy would build on the manager (from the Debian archive) is
/// built here from the source and loaded into the manager, which pushes it to the registry for the other nodes.
/// Ports 23000-23029, names and labels "swm3". Commit before running: the clones are of HEAD.
/// </summary>
public sealed class ClusterCloneFixture : IAsyncLifetime
{
    public const string Environment = "cluster";

    /// <summary>The same cluster without a registry of its own: the embedded 127.0.0.1:5000 one would be used.</summary>
    public const string WithoutRegistry = "cluster-embedded";

    /// <summary>The Notes service as it is, stateful (its SQLite file in the data volume): one replica, on the manager.</summary>
    public const string Stateful = "cluster-data";

    /// <summary>The stateful environment's port: every node's edge publishes it, the manager's alone reaches the runner.</summary>
    public const int StatefulPort = 23025;

    private SshAgent? _agent;

    public string RunId { get; } = "swm3" + Guid.NewGuid().ToString("N")[..6];

    public SourceRepository Source { get; private set; } = null!;

    /// <summary>The image's name (<c>.nuke/parameters.json</c>'s ImageName): the run's, so its tags meet no other run's on the runner.</summary>
    public string ImageName => RunId;

    public CapturingBuildLog SetupLog { get; } = new();

    public SwarmCluster Cluster { get; private set; } = null!;

    public DockerCli Docker { get; private set; } = null!;

    /// <summary>The runner-side port of node <paramref name="index"/>'s edge (the environment's port on that node).</summary>
    public int NodePort(int index) => Cluster.Nodes.Nodes[index].AppPort!.Value;

    public async Task InitializeAsync()
    {
        Docker = new DockerCli(new ProcessToolRunner(SetupLog, new SecretMasker()));
        await DockerEngine.EnsureAvailableAsync(Docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        var startCluster = SwarmCluster.StartAsync(Docker, SetupLog, new SwarmClusterOptions(RunId, 23000, 23010, 23020) { ManagerPorts = [StatefulPort] });
        Source = await SourceRepository.CreateAsync(Docker.Runner, Path.Combine(Path.GetTempPath(), RunId));
        var edge = await EdgeImage.EnsureAsync(Docker, SetupLog, new EdgeImageSource(Source.Path), RepositoryRoot.Temp());
        Cluster = await startCluster;

        var parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(Path.Combine(Source.Path, ".nuke", "parameters.json")))!;
        parameters["ImageName"] = JsonSerializer.SerializeToElement(ImageName);
        await Source.CommitFilesAsync(new Dictionary<string, string>
        {
            [EnvironmentFile(Environment)] = ClusterEnvironment(registry: true),
            [EnvironmentFile(WithoutRegistry)] = ClusterEnvironment(registry: false),
            [EnvironmentFile(Stateful)] = ClusterEnvironment(registry: true, stateful: true),
            [".nuke/parameters.json"] = JsonSerializer.Serialize(parameters, new JsonSerializerOptions { WriteIndented = true }),
        }, "swm3: the cluster environments");

        await Docker.Runner.RunAsync(new ToolCommand("sh", "-c", "docker save \"$1\" | docker exec -i \"$2\" docker load -q", "sh", edge, Cluster.Manager.Name) { EchoOutput = false });
        _agent = await SshAgent.StartAsync(Docker.Runner, Path.Combine(Source.Root, "agent.sock"), Cluster.Nodes.Key.PrivateKeyPath);
    }

    private static string EnvironmentFile(string name) => $".nuke/environments/{name}.json";

    /// <summary>
    /// The cluster as a team writes it: the manager as host, the registry the runner pushes to and the name the nodes
    /// pull it by, a stateless service with 2 replicas on the port every node publishes (or the service as it is, stateful); health quick to pass and slow
    /// to fail (on a loaded runner a tight timeout let Swarm replace healthy tasks, which is the test's doing).
    /// </summary>
    private string ClusterEnvironment(bool registry, bool stateful = false) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["platform"] = "swarm",
        ["host"] = Cluster.Manager.SshUrl,
        ["registry"] = registry ? Cluster.Registry.RunnerHost : null,
        ["registryPull"] = registry ? Cluster.Registry.Host : null,
        // Stateful: the Notes default, no "stateful" or "replicas" keys at all.
        ["stateful"] = stateful ? null : false,
        ["replicas"] = stateful ? null : 2,
        ["hostPort"] = stateful ? StatefulPort : Cluster.Options.AppContainerPort,
        ["healthCheck"] = new Dictionary<string, object> { ["interval"] = "1s", ["startPeriod"] = "20s", ["retries"] = 5, ["timeout"] = "5s" },
        ["deployTimeout"] = "90s",
        ["drainTimeout"] = "5s",
        ["keepReleases"] = 3,
        ["verification"] = new Dictionary<string, object> { ["window"] = "0s" },
    }.Where(p => p.Value is not null).ToDictionary(), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>What CI gives a deploy job: the agent with the key, the manager's host key as SSH_KNOWN_HOSTS.</summary>
    public Dictionary<string, string> CiEnvironment => new()
    {
        ["SSH_AUTH_SOCK"] = _agent!.Socket,
        ["SSH_KNOWN_HOSTS"] = Cluster.Manager.KnownHostsLine,
    };

    /// <summary>A fresh clone of the source, as a new CI job checks it out.</summary>
    public Task<string> CloneAsync(string name) => Source.CloneAsync(name);

    /// <summary>A new commit on a clone (a new version by GitVersion).</summary>
    public Task CommitAsync(string clone, string message) => Source.CommitAsync(clone, message);

    public async Task DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        // The releases this run built on the runner's engine (the nodes went with their volumes), the source and the clones.
        if (Source is not null)
            await Source.RemoveAsync(RunId);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterClonesCollection : ICollectionFixture<ClusterCloneFixture>
{
    public const string Name = "Clones deploying to a swarm";
}
