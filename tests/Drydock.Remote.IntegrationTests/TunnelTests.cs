using Drydock.Docker;
using Drydock.Engine.Tooling;
using Drydock.Testing.Nodes;

namespace Drydock.Remote.IntegrationTests;

/// <summary>The tunnel against a real nested engine: docker commands reach the node, over one SSH connection.</summary>
[Collection(NodesCollection.Name)]
public sealed class TunnelTests(NodesFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Docker_commands_reach_the_nodes_engine_over_one_ssh_connection()
    {
        output.WriteLine($"Node setup: {string.Join(", ", fixture.Cluster.Timings.Select(t => $"{t.Phase} {t.Took.TotalSeconds:F1} s"))}");
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);

        await using var tunnel = await SshEngineTunnel.OpenAsync(fixture.TunnelOptions(fixture.Node), local, log);
        var remote = tunnel.Docker(local);

        // The engine that answers is the node's (its host name), not the runner's.
        var name = await remote.ExecuteAsync(new DockerInfoNameSettings(), echoOutput: false);
        Assert.Equal(fixture.Node.Name, name.Output.Trim());
        Assert.NotEqual(fixture.Node.Name, (await local.ExecuteAsync(new DockerInfoNameSettings(), echoOutput: false)).Output.Trim());
        Assert.False(string.IsNullOrEmpty(tunnel.EngineVersion));
        Assert.StartsWith("unix://", tunnel.DockerHost, StringComparison.Ordinal);

        // An image made on the runner, imported into the node's engine through the tunnel, runs there.
        var tarball = await ProbeImage.WriteTarballAsync(Path.Combine(fixture.WorkDirectory, "tunnel-test"));
        var reference = $"node-probe-local:{fixture.RunId}";
        await remote.ImportAsync(new DockerImportSettings(tarball) { Reference = reference, Changes = ["ENTRYPOINT [\"/busybox\"]"] });
        var ran = await remote.RunToCompletionAsync(new DockerRunSettings(reference) { Remove = true, Pull = "never", Command = ["echo", "made-on-the-runner"] });
        Assert.Contains("made-on-the-runner", ran.Output);
        Assert.False(await local.ImageExistsAsync(reference));

        // Every command went over the same connection: the node's sshd holds exactly one established session.
        for (var i = 0; i < 5; i++)
            await remote.PsAsync(new DockerPsSettings { All = true });
        var sessions = await local.ExecAsync(new DockerExecSettings(fixture.Node.Name, ["sh", "-c", "ss -Htn state established '( sport = :22 )' | wc -l"]));
        Assert.Equal("1", sessions.Output.Trim());
    }

    [Fact]
    public async Task The_node_pulls_the_runners_registry_reference_through_the_reverse_tunnel()
    {
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);

        // Without the reverse tunnel the node's 127.0.0.1:18650 is nobody: the same reference cannot be pulled.
        await using (var plain = await SshEngineTunnel.OpenAsync(fixture.TunnelOptions(fixture.Node), local, log))
            Assert.False(await plain.Docker(local).TryPullAsync(fixture.ProbeByDigest));

        var options = fixture.TunnelOptions(fixture.Node) with { ReverseForwards = [SshReverseForward.SamePort(NodesFixture.RegistryPort)] };
        await using var tunnel = await SshEngineTunnel.OpenAsync(options, local, log);
        var remote = tunnel.Docker(local);

        await remote.PullAsync(fixture.ProbeByDigest);
        var ran = await remote.RunToCompletionAsync(new DockerRunSettings(fixture.ProbeByDigest) { Remove = true, Pull = "never", Command = ["echo", "pulled-by-digest"] });
        Assert.Contains("pulled-by-digest", ran.Output);
        var image = await remote.InspectImageAsync(fixture.ProbeByDigest);
        Assert.NotNull(image);
        await remote.ExecuteAsync(new DockerImageRmSettings(fixture.ProbeByDigest) { Force = true }, throwOnError: false);
    }

    [Fact]
    public async Task Closing_the_tunnel_leaves_no_ssh_process_and_no_socket_file()
    {
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);
        var before = LeftOvers.TunnelDirectories();

        var tunnel = await SshEngineTunnel.OpenAsync(fixture.TunnelOptions(fixture.Node), local, log);
        Assert.True(File.Exists(tunnel.LocalSocket));
        Assert.NotEmpty(LeftOvers.ProcessesInGroup(tunnel.ProcessGroup));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(tunnel.PrivateDirectory));
        await tunnel.DisposeAsync();

        Assert.False(tunnel.IsOpen);
        Assert.Empty(LeftOvers.ProcessesInGroup(tunnel.ProcessGroup));
        Assert.Empty(LeftOvers.SshClientsTo(fixture.Node.SshPort));
        Assert.False(File.Exists(tunnel.LocalSocket));
        Assert.False(Directory.Exists(tunnel.PrivateDirectory));
        Assert.Equal(before, LeftOvers.TunnelDirectories());
    }

    [Fact]
    public async Task Cancelling_the_run_closes_the_tunnel()
    {
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);
        using var ctrlC = new CancellationTokenSource();

        await using var tunnel = await SshEngineTunnel.OpenAsync(fixture.TunnelOptions(fixture.Node), local, log, ctrlC.Token);
        await ctrlC.CancelAsync();

        Assert.False(tunnel.IsOpen);
        Assert.Empty(LeftOvers.ProcessesInGroup(tunnel.ProcessGroup));
        Assert.False(Directory.Exists(tunnel.PrivateDirectory));
        var after = await tunnel.Docker(local).ExecuteAsync(new DockerVersionSettings(), throwOnError: false, echoOutput: false);
        Assert.False(after.Succeeded);
    }

    [Fact]
    public async Task A_known_hosts_file_works_like_the_variable()
    {
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);
        var options = new SshTunnelOptions(fixture.Node.Target) { KnownHostsFile = fixture.Cluster.KnownHostsFile, IdentityFile = fixture.Cluster.Key.PrivateKeyPath };

        await using var tunnel = await SshEngineTunnel.OpenAsync(options, local, log);

        Assert.Equal(fixture.Node.Name, (await tunnel.Docker(local).ExecuteAsync(new DockerInfoNameSettings(), echoOutput: false)).Output.Trim());
        Assert.False(File.Exists(SshTunnelOptions.KnownHostsPath(tunnel.PrivateDirectory)));
    }
}
