using System.Diagnostics;
using Drydock.Docker;
using Drydock.Engine.Tooling;

namespace Drydock.Remote.IntegrationTests;

/// <summary>CI gives the key through ssh-agent (the key never touches the runner's disk in a known place): the tunnel takes it from there.</summary>
[Collection(NodesCollection.Name)]
public sealed class AgentTests(NodesFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_tunnel_authenticates_with_the_key_held_by_ssh_agent()
    {
        var log = new CapturingBuildLog(output);
        var local = fixture.CreateDocker(log);
        var directory = Directory.CreateTempSubdirectory("drydock-agent-test-").FullName;
        var socket = Path.Combine(directory, "agent.sock");
        using var agent = Process.Start(new ProcessStartInfo("ssh-agent", ["-D", "-a", socket]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socket) && clock.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(50);
            var withAgent = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket };
            await local.Runner.RunAsync(new ToolCommand("ssh-add", "-q", fixture.Cluster.Key.PrivateKeyPath) { Environment = withAgent, EchoOutput = false });

            // No key file: the only identity that can work is the agent's.
            var options = new SshTunnelOptions(fixture.Node.Target) { AgentSocket = socket, KnownHostsFile = fixture.Cluster.KnownHostsFile };
            await using var tunnel = await SshEngineTunnel.OpenAsync(options, local, log);

            Assert.Equal(fixture.Node.Name, (await tunnel.Docker(local).ExecuteAsync(new DockerInfoNameSettings(), echoOutput: false)).Output.Trim());
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_agent_is_a_refused_key()
    {
        var log = new CapturingBuildLog(output);
        var directory = Directory.CreateTempSubdirectory("drydock-agent-test-").FullName;
        var socket = Path.Combine(directory, "agent.sock");
        using var agent = Process.Start(new ProcessStartInfo("ssh-agent", ["-D", "-a", socket]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socket) && clock.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(50);
            var options = new SshTunnelOptions(fixture.Node.Target) { AgentSocket = socket, KnownHostsFile = fixture.Cluster.KnownHostsFile };

            var error = await Assert.ThrowsAsync<RemoteHostException>(() => SshEngineTunnel.OpenAsync(options, fixture.CreateDocker(log), log));

            Assert.Equal(RemoteHostFailure.KeyRefused, error.Failure);
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
