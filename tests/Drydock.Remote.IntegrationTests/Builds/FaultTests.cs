using System.Text.RegularExpressions;
using Drydock.Docker;
using Drydock.Deploy.IntegrationTests;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// A remote deploy's faults, from a clone (the shared one) against a test node (ssh 127.0.0.1:21501, its port 8080 on 127.0.0.1:21511),
/// under steady load through the node's published port the whole time: kill -9 of the build's process group while a
/// new release is being verified, then an SSH drop (the tunnel's ssh killed by pid) at the same point. The release that
/// served keeps serving (0 failed requests), each next run recovers (serving, History, Status right), and the secret
/// given with --secret-env is in no file of the runner, and on the node only in the engine's own container configs.
/// </summary>
[Collection(ClonesCollection.Name)]
public sealed partial class FaultTests(CloneFixture fixture, ITestOutputHelper output)
{
    private const string SecretName = "REM3_SECRET";

    // The edge strategy's log lines once the new release runs beside the old one and before the edge switches.
    private static readonly string[] BesideTheServingRelease = [" before switching the edge", "; switching the edge to it as soon as it answers"];

    [Fact]
    public async Task A_kill_9_and_an_ssh_drop_mid_deploy_keep_the_serving_release_and_the_next_run_recovers()
    {
        var node = fixture.Node(1);
        var environment = CloneFixture.Environment + "f";
        var secret = "rem3-" + Guid.NewGuid().ToString("N");
        var ci = new Dictionary<string, string>(fixture.CiEnvironment(node)) { [SecretName] = secret };
        string[] deploy = ["Deploy", .. fixture.Against(node, environment), "--secret-env", SecretName];
        var notes = new NotesClient(CloneFixture.AppPortBase + 1);
        var tunnelsBefore = LeftOvers.TunnelDirectories();

        var clone = await fixture.SharedCloneAsync();
        await BuildSh.RunAsync(clone, ci, output, true, deploy);
        var first = await notes.VersionAsync();
        await notes.AddAsync("before the faults");

        await using var load = new LoadRunner(CloneFixture.AppPortBase + 1, connections: 2);

        // kill -9 of the whole build while the new release runs beside the serving one.
        await fixture.CommitAsync(clone, "second");
        using (var killed = BuildSh.Start(clone, ci, output, deploy))
        {
            Assert.True(await WaitBesideAsync(killed), $"the deploy never reached the new release's check:\n{killed.Output}");
            killed.KillGroup();
            await killed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(first, await notes.VersionAsync());
        await WaitUntilAsync(() => LeftOvers.SshClientsTo(node.SshPort).Count == 0, TimeSpan.FromSeconds(10), "the killed build's ssh tunnel outlived it");
        var second = await RecoverAsync(clone, ci, deploy, first);

        // The SSH connection drops (its ssh killed by pid) at the same point.
        await fixture.CommitAsync(clone, "third");
        using (var dropped = BuildSh.Start(clone, ci, output, deploy))
        {
            Assert.True(await WaitBesideAsync(dropped), $"the deploy never reached the new release's check:\n{dropped.Output}");
            var ssh = Assert.Single(LeftOvers.SshClientsTo(node.SshPort));
            using (var kill = System.Diagnostics.Process.Start("kill", ["-9", ssh.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
                await kill.WaitForExitAsync();
            var exitCode = await dropped.WaitAsync(TimeSpan.FromMinutes(5));
            Assert.NotEqual(0, exitCode);
            Assert.Contains($"The SSH connection to {node.SshUrl} dropped during the run", dropped.Output);
        }
        Assert.Equal(second, await notes.VersionAsync());
        var third = await RecoverAsync(clone, ci, deploy, second);

        await load.DisposeAsync();
        output.WriteLine($"Steady load through both faults and recoveries: {load.Requests} requests, {load.Failures.Count} failed {string.Join("; ", load.Failures.Take(3))}");
        Assert.Empty(load.Failures);
        Assert.True(load.Requests > 0);
        Assert.Equal(["before the faults"], await notes.TextsAsync());

        var history = HistoryRows.Parse((await BuildSh.RunAsync(clone, ci, output, true, ["History", .. fixture.Against(node, environment)])).Output);
        Assert.Equal([first, second, third], history.Where(r => r.Outcome == "succeeded").Select(r => r.Version));

        await AssertNoSecretFilesAsync(node, secret, clone, tunnelsBefore);
    }

    /// <summary>The next run of the same command: it puts the new release in service, and Status agrees with History.</summary>
    private async Task<string> RecoverAsync(string clone, Dictionary<string, string> ci, string[] deploy, string before)
    {
        await BuildSh.RunAsync(clone, ci, output, true, deploy);
        var now = await new NotesClient(CloneFixture.AppPortBase + 1).VersionAsync();
        Assert.NotEqual(before, now);
        var status = await BuildSh.RunAsync(clone, ci, output, true, ["Status", .. deploy[1..^2]]);
        Assert.Contains($": {now} in ", status.Output);
        Assert.Contains("serving matches it", status.Output);
        return now;
    }

    private static async Task<bool> WaitBesideAsync(BuildSh build)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline && !build.Process.HasExited)
        {
            if (BesideTheServingRelease.Any(line => build.Output.Contains(line, StringComparison.Ordinal)))
                return true;
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>
    /// The runner: no file of the clone or of a tunnel directory holds the secret. The node: a grep of its whole file
    /// system finds it only where the engine itself keeps a container's environment (as `docker inspect` shows it):
    /// config.v2.json, containerd's metadata store, the running task's config.json. No file of Drydock's.
    /// </summary>
    private async Task AssertNoSecretFilesAsync(Testing.Nodes.TestNode node, string secret, string clone, IReadOnlyList<string> tunnelsBefore)
    {
        var leftTunnels = LeftOvers.TunnelDirectories().Except(tunnelsBefore).ToList();
        output.WriteLine($"Tunnel directories on the runner made during the test: {(leftTunnels.Count == 0 ? "none" : string.Join(", ", leftTunnels))}");
        // The killed build's directory went with the next run's tunnel; one of a build still running elsewhere may stay.
        Assert.Empty(StaleTunnelDirectories.Select(leftTunnels.Select(d => new TunnelDirectory(d, OwnerOf(d), Mine: true)), pid => Directory.Exists($"/proc/{pid}")));
        foreach (var directory in leftTunnels.Append(clone))
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                if (new FileInfo(file).Length < 50_000_000 && !file.EndsWith(".sock", StringComparison.Ordinal))
                    Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{file} holds the secret");

        var grep = await fixture.OnNodeAsync(node, new Dictionary<string, string?> { [SecretName] = secret },
            "sh", "-c", $"grep -rlF --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev -- \"${SecretName}\" / 2>/dev/null; true");
        var files = grep.StandardOutput.Where(l => l.Length > 0).ToList();
        output.WriteLine($"Files on the node holding the secret: {(files.Count == 0 ? "none" : string.Join(", ", files))}");
        Assert.All(files, file => Assert.Matches(EngineContainerConfig(), file));
    }

    private static int? OwnerOf(string directory) =>
        File.Exists(Path.Combine(directory, StaleTunnelDirectories.OwnerFile)) ? int.Parse(File.ReadAllText(Path.Combine(directory, StaleTunnelDirectories.OwnerFile)), System.Globalization.CultureInfo.InvariantCulture) : null;

    // The engine's record of each container (config.v2.json), containerd's metadata store, and the running task's OCI spec.
    [GeneratedRegex(@"^(/var/lib/docker/containers/[0-9a-f]{64}/config\.v2\.json|/var/lib/docker/containerd/daemon/io\.containerd\.metadata\.v1\.bolt/meta\.db|/(var/)?run/(docker/)?containerd/.*/[0-9a-f]{64}/config\.json)$")]
    private static partial Regex EngineContainerConfig();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(200);
        }
    }
}
