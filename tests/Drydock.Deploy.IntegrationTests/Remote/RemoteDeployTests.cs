using Drydock.Docker;
using Drydock.Engine.Output;
using Drydock.Engine.Tooling;
using Drydock.Testing.Nodes;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>
/// Deploying over SSH to a nested node (a Docker engine in a container, reachable only over SSH on 127.0.0.1:18900, its
/// environment's port published on 127.0.0.1:18901): deploy, no-change, a never-healthy release refused, rollback from
/// a second runner, data kept, load with no failed request, every docker call through one tunnel per runner, the
/// images pulled through the reverse tunnel to the runner's registry, the edge driven by docker exec only, and nothing
/// listening on the runner. Ports 18900-18999 and the "rmt" prefix belong to these tests.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class RemoteDeployTests(DeployFixture fixture, ITestOutputHelper output)
{
    private const int SshPort = 18900;
    private const int AppPort = 18901;
    private const int PortOnTheNode = 8080;

    [Fact]
    public async Task Deploy_v1_v2_refuse_v3_and_roll_back_on_a_host_over_ssh_with_load_and_nothing_listening_on_the_runner()
    {
        var log = new CapturingBuildLog(output);
        var masker = new SecretMasker();
        var local = fixture.CreateDocker(log, masker);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var cluster = await NodeCluster.StartAsync(local, log, new NodeClusterOptions($"rmt-{fixture.RunId}", SshPort)
        {
            AppPortBase = AppPort,
            AppContainerPort = PortOnTheNode,
        });
        var node = cluster.Nodes[0];
        output.WriteLine($"node up in {clock.Elapsed.TotalSeconds:F1} s");
        var listeningBefore = await ListeningAsync(local.Runner);

        var edge = await EdgeOnTheNodeAsync(local, cluster, node, log);
        var app = "rmtnotes";
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var config = new EnvironmentConfig
        {
            HostPort = PortOnTheNode,
            Bind = "0.0.0.0", // inside the node: the node's own published port reaches it from the runner
            HealthCheck = new HealthCheckTiming { Interval = TimeSpan.FromSeconds(1), StartPeriod = TimeSpan.FromSeconds(30) },
            DeployTimeout = TimeSpan.FromSeconds(60),
            DrainTimeout = TimeSpan.FromSeconds(10),
            KeepReleases = 2,
            SecretEnv = [TestEnvironment.SecretName],
        };
        DeployRequest Request(NotesImage image, EnvironmentConfig? with = null) =>
            new(app, image.Repository, image.Digest, image.Version) { Commit = image.Commit, Environment = "production", Config = with ?? config };
        var notes = new NotesClient(AppPort);

        // Runner 1: v1, then v2 under load, then a v3 whose health path never answers.
        await using (var tunnel = await OpenAsync(local, cluster, node, log))
        {
            var remote = tunnel.Docker(local);
            var manager = Manager(remote, log, edge, secret);
            await manager.DeployAsync(Request(fixture.V1));
            Assert.Equal("1.0.0", await notes.VersionAsync());
            await notes.AddAsync("kept on the server");

            await using (var load = new LoadRunner(AppPort, connections: 2))
            {
                await manager.DeployAsync(Request(fixture.V2));
                await Task.Delay(500);
                await load.DisposeAsync();
                output.WriteLine($"deploy v2: {load.Requests} requests, {load.Failures.Count} failed");
                Assert.Empty(load.Failures);
                Assert.True(load.Requests > 0);
            }
            Assert.Equal("2.0.0", await notes.VersionAsync());

            await Assert.ThrowsAnyAsync<Exception>(() => manager.DeployAsync(Request(fixture.V3, config with { HealthPath = "/never-healthy", SecretEnv = [] })));
            Assert.Equal("2.0.0", await notes.VersionAsync());
            Assert.True(await HasNoAdminPortAsync(remote, new EnvironmentId(app, "production").EdgeContainer));
            Assert.Empty(Except(await ListeningAsync(local.Runner), listeningBefore));
        }
        Assert.DoesNotContain(secret, log.Text);

        // Runner 2: a fresh manager and tunnel, nothing carried over; rollback to v1 under load, the data kept.
        await using (var tunnel = await OpenAsync(local, cluster, node, log))
        {
            var manager = Manager(tunnel.Docker(local), log, edge, secret);
            await using var load = new LoadRunner(AppPort, connections: 2);
            var rolledBack = await manager.RollbackAsync(new RollbackRequest(app) { Environment = "production", Repository = fixture.Repository, Config = config });
            await Task.Delay(500);
            await load.DisposeAsync();
            output.WriteLine($"rollback: {load.Requests} requests, {load.Failures.Count} failed");
            Assert.True(rolledBack.RolledBack);
            Assert.Empty(load.Failures);
            Assert.Equal("1.0.0", await notes.VersionAsync());
            Assert.Equal(["kept on the server"], await notes.TextsAsync());
            var history = await manager.HistoryAsync(new EnvironmentId(app, "production"), CancellationToken.None);
            Assert.Equal(["1.0.0", "2.0.0", "1.0.0"], history.Where(r => r.Outcome == ReleaseOutcome.Succeeded).Select(r => r.Version));
        }
        Assert.Empty(Except(await ListeningAsync(local.Runner), listeningBefore));
        output.WriteLine($"whole scenario: {clock.Elapsed.TotalSeconds:F1} s");
    }

    private Task<SshEngineTunnel> OpenAsync(DockerCli local, NodeCluster cluster, TestNode node, IBuildLog log) =>
        SshEngineTunnel.OpenAsync(new SshTunnelOptions(node.Target)
        {
            IdentityFile = cluster.Key.PrivateKeyPath,
            KnownHostsFile = cluster.KnownHostsFile,
            // The node pulls 127.0.0.1:<port>/…@sha256 from the runner's registry through this reverse forward.
            ReverseForwards = [SshReverseForward.SamePort(new Uri("http://" + fixture.Registry.Address).Port)],
        }, local, log);

    private ReleaseManager Manager(DockerCli remote, IBuildLog log, EdgeStrategyOptions edge, string secret) =>
        new(remote, log, new ReleaseManagerOptions
        {
            ReadEnvironment = name => name == TestEnvironment.SecretName ? secret : null,
            Tags = new RegistryReleaseTags(new HttpClient(), log),
            Edge = edge,
        });

    /// <summary>
    /// The base image the edge is built on, pushed to the runner's registry and pulled by the node through the tunnel
    /// (the node has no internet); the edge image itself is then built on the node by the deploy, as on a real server.
    /// </summary>
    private async Task<EdgeStrategyOptions> EdgeOnTheNodeAsync(DockerCli local, NodeCluster cluster, TestNode node, IBuildLog log)
    {
        var reference = $"{fixture.Registry.Address}/{fixture.RunId}/base:edge";
        await local.TagAsync(fixture.BaseImageReference, reference);
        await local.PushAsync(reference);
        await using var tunnel = await OpenAsync(local, cluster, node, log);
        Assert.True(await tunnel.Docker(local).TryPullAsync(reference), $"the node could not pull {reference} through the reverse tunnel");
        return new EdgeStrategyOptions(RepositoryRoot.Path) { WorkDirectory = RepositoryRoot.Temp(), BaseImage = reference };
    }

    private static async Task<bool> HasNoAdminPortAsync(DockerCli remote, string edge)
    {
        var state = Assert.Single(await new EnvironmentContainers(remote).InspectManyAsync([edge], CancellationToken.None));
        return state.PortBindings.All(p => p.ContainerPort == $"{EdgeContainerSpec.ContainerPublicPort}/tcp");
    }

    /// <summary>TCP listeners of this test process and its children (the tunnel's ssh), from ss.</summary>
    private static async Task<IReadOnlyList<string>> ListeningAsync(IToolRunner runner)
    {
        var result = await runner.RunAsync(new ToolCommand("ss", "-H", "-l", "-t", "-n", "-p") { EchoOutput = false });
        var ours = new HashSet<int>(ProcessTree(Environment.ProcessId));
        return result.StandardOutput
            .Where(line => System.Text.RegularExpressions.Regex.Matches(line, @"pid=(\d+)").Any(m => ours.Contains(int.Parse(m.Groups[1].Value))))
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4)))
            .ToList();
    }

    private static IEnumerable<int> ProcessTree(int root)
    {
        yield return root;
        var children = $"/proc/{root}/task/{root}/children";
        if (!File.Exists(children))
            yield break;
        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            foreach (var pid in ProcessTree(child))
                yield return pid;
    }

    private static IReadOnlyList<string> Except(IReadOnlyList<string> after, IReadOnlyList<string> before) => after.Except(before).ToList();
}
