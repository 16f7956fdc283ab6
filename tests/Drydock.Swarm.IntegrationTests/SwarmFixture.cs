using System.Formats.Tar;
using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Testing.Swarm;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// One 3-node swarm per collection (the node-loss test stops a node: it gets a cluster of its own), with a probe image (a static
/// busybox, made here) pushed by the runner to the TLS registry. Ports 18800-18859 and the "swm-" prefix are this suite's.
/// </summary>
public abstract class SwarmFixture(int portBase) : IAsyncLifetime
{
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>The probe's web server: its container's hostname on port 8080 (no shell in the image: busybox applets only).</summary>
    public static readonly IReadOnlyList<string> WebCommand =
        ["sh", "-c", "/busybox mkdir -p /www && /busybox hostname > /www/index.html && exec /busybox httpd -f -p 8080 -h /www"];

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    public CapturingBuildLog SetupLog { get; } = new();

    public SwarmCluster Cluster { get; private set; } = null!;

    /// <summary><c>swm-…-registry:5000/swm/probe@sha256:…</c>: how every node names the image.</summary>
    public string ProbeByDigest { get; private set; } = null!;

    public DockerCli CreateDocker(IBuildLog log) => new(new ProcessToolRunner(log, new SecretMasker()));

    public async Task InitializeAsync()
    {
        var docker = CreateDocker(SetupLog);
        await DockerEngine.EnsureAvailableAsync(docker, SetupLog, RepositoryRoot.Temp("dockerd.log"));
        Cluster = await SwarmCluster.StartAsync(docker, SetupLog, new SwarmClusterOptions($"swm-{RunId}", portBase, portBase + 10, portBase + 20));

        // The runner pushes through its published port; the nodes pull the same repository and digest by the registry's name.
        var tag = $"{Cluster.Registry.RunnerHost}/swm/probe:{RunId}";
        var tarball = Path.Combine(Cluster.Directory, "probe.tar");
        await using (var file = File.Create(tarball))
        await using (var tar = new TarWriter(file, TarEntryFormat.Pax))
            await tar.WriteEntryAsync(BusyboxPath, "busybox");
        await docker.ImportAsync(new DockerImportSettings(tarball) { Reference = tag, Changes = ["ENTRYPOINT [\"/busybox\"]"] });
        var pushed = await docker.PushAsync(tag);
        ProbeByDigest = $"{Cluster.Registry.Host}/swm/probe@{pushed.Digest}";
        await docker.ExecuteAsync(new DockerImageRmSettings(tag) { Force = true }, throwOnError: false);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
    }
}

public sealed class ServicesFixture() : SwarmFixture(18800);

public sealed class NodeLossFixture() : SwarmFixture(18830);

/// <summary>The tests that share one healthy cluster (nothing in them stops a node).</summary>
[CollectionDefinition(Name)]
public sealed class ServicesCollection : ICollectionFixture<ServicesFixture>
{
    public const string Name = "Swarm services";
}
