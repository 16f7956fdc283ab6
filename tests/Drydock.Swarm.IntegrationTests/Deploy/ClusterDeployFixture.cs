using System.Security.Cryptography;
using Drydock.Deploy;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Testing.Swarm;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// A 3-node swarm, the Notes service built twice (1.0.0, 2.0.0) and pushed by the runner to the cluster's TLS registry
/// (through 127.0.0.1), and the edge image loaded into the manager's engine (as an earlier deploy would have built it
/// there). Deploys go through <see cref="ReleaseManager"/> over the SSH tunnel to the manager. Ports 23000-23029, prefix swm3.
/// </summary>
public sealed class ClusterDeployFixture : IAsyncLifetime
{
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    public CapturingBuildLog SetupLog { get; } = new();

    public SwarmCluster Cluster { get; private set; } = null!;

    public (string Version, string Digest) V1 { get; private set; }

    public (string Version, string Digest) V2 { get; private set; }

    /// <summary>How the runner pushes (<c>127.0.0.1:port/swm3/notes</c>); the nodes pull it as <see cref="TlsRegistry.Host"/>.</summary>
    public string Repository => $"{Cluster.Registry.RunnerHost}/swm3/notes";

    public DockerCli CreateDocker(IBuildLog log) => new(new ProcessToolRunner(log, new SecretMasker()));

    public ReleaseManager Manager(IBuildLog log) =>
        new(Cluster.ManagerDocker, log, new ReleaseManagerOptions { Edge = new EdgeStrategyOptions(RepositoryRoot.Path) { WorkDirectory = RepositoryRoot.Temp("swm3") } });

    /// <summary>The runner-side port of node <paramref name="index"/>'s edge (the environment's port 80 on that node).</summary>
    public int NodePort(int index) => Cluster.Nodes.Nodes[index].AppPort!.Value;

    public async Task InitializeAsync()
    {
        var docker = CreateDocker(SetupLog);
        await DockerEngine.EnsureAvailableAsync(docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        var baseImage = await BaseImage.EnsureAsync(docker, SetupLog, RepositoryRoot.Temp("base-image"));
        var startCluster = SwarmCluster.StartAsync(docker, SetupLog, new SwarmClusterOptions($"swm3-{RunId}", 23000, 23010, 23020));
        var edgeImage = await EdgeImage.EnsureAsync(docker, SetupLog, new EdgeImageSource(RepositoryRoot.Path), RepositoryRoot.Temp(), baseImage.Reference);
        var v1 = await PublishAsync(docker.Runner, "1.0.0");
        var v2 = await PublishAsync(docker.Runner, "2.0.0");
        Cluster = await startCluster;

        // The manager gets the edge image as a deploy that built it there would leave it: found by its sources' label.
        var archive = Path.Combine(Cluster.Directory, "edge.tar");
        await docker.Runner.RunAsync(new ToolCommand("docker", "save", "-o", archive, edgeImage) { EchoOutput = false });
        // docker load reads the archive on stdin inside the manager node.
        await docker.Runner.RunAsync(new ToolCommand("sh", "-c", $"docker exec -i {Cluster.Manager.Name} docker load < '{archive}'") { EchoOutput = false });
        File.Delete(archive);
        V1 = await BuildAndPushAsync(docker, baseImage, v1, "1.0.0");
        V2 = await BuildAndPushAsync(docker, baseImage, v2, "2.0.0");
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        var docker = CreateDocker(new CapturingBuildLog());
        foreach (var version in new[] { "1.0.0", "2.0.0" })
            await docker.ExecuteAsync(new DockerImageRmSettings($"{Repository}:{version}") { Force = true }, throwOnError: false, echoOutput: false);
    }

    private static async Task<string> PublishAsync(IToolRunner runner, string version)
    {
        var output = RepositoryRoot.Temp("swm3", "notes-" + version);
        await runner.RunAsync(new ToolCommand("dotnet", "publish", Path.Combine(RepositoryRoot.Path, "src", "Notes", "Notes.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-o", output, "--artifacts-path", RepositoryRoot.Temp("swm3", "notes-artifacts"),
            $"-p:Version={version}", $"-p:InformationalVersion={version}+{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}", "-nodeReuse:false", "-p:UseSharedCompilation=false")
        {
            EchoOutput = false,
        });
        return output;
    }

    private async Task<(string, string)> BuildAndPushAsync(DockerCli docker, ResolvedBaseImage baseImage, string context, string version)
    {
        var tag = $"{Repository}:{version}";
        await docker.BuildAsync(new DockerBuildSettings(context)
        {
            File = Path.Combine(RepositoryRoot.Path, "src", "Notes", "Dockerfile"),
            Tags = [tag],
            BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage.Reference, ["VERSION"] = version, ["REVISION"] = RunId },
        });
        var pushed = await docker.PushAsync(tag);
        return (version, pushed.Digest);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterDeployCollection : ICollectionFixture<ClusterDeployFixture>
{
    public const string Name = "Swarm deploys";
}
