using System.Diagnostics;
using Drydock.Docker;

namespace Drydock.Remote.IntegrationTests;

/// <summary>A build killed with kill -9 runs no dispose and no handler: the tunnel's guard must end ssh by itself.</summary>
[Collection(NodesCollection.Name)]
public sealed class GuardTests(NodesFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task When_the_build_process_is_killed_the_guard_ends_its_ssh_tunnel()
    {
        var log = new CapturingBuildLog(output);
        var runner = fixture.CreateDocker(log).Runner;
        var directory = Directory.CreateTempSubdirectory("drydock-ssh-guard-test-").FullName;
        // Stands in for the build: the guard watches this process, which the test then kills with SIGKILL.
        using var build = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            var options = new SshTunnelOptions(fixture.Node.Target) { KnownHostsFile = fixture.Cluster.KnownHostsFile, IdentityFile = fixture.Cluster.Key.PrivateKeyPath };
            var settings = options.Settings(directory);
            var group = await TunnelProcess.StartAsync(runner, Path.Combine(directory, "ssh.log"), "ssh", settings.ToArguments(), options.SshEnvironment, CancellationToken.None, build.Id);
            await WaitAsync(() => File.Exists(settings.LocalSocket), "the forwarded socket");
            Assert.NotEmpty(LeftOvers.SshClientsTo(fixture.Node.SshPort));

            build.Kill();

            await WaitAsync(() => LeftOvers.ProcessesInGroup(group).Count == 0, "the tunnel's process group to end");
            Assert.Empty(LeftOvers.SshClientsTo(fixture.Node.SshPort));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Waited 15 s for {what}.");
            await Task.Delay(50);
        }
    }
}
