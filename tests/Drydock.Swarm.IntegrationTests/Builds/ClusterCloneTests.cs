using System.Diagnostics;
using System.Net.Http.Json;
using Drydock.Deploy;
using Drydock.Deploy.IntegrationTests;
using Drydock.Docker;

namespace Drydock.Swarm.IntegrationTests;

/// <summary>
/// Swarm end to end, as CI does it: from a clean clone, <c>./build.sh Deploy --environment cluster</c> against a
/// nested 3-node swarm serves 2 replicas on 2 nodes; a new version under steady load through node 1's port; a
/// never-healthy release refused while the old one serves; one failing real requests reverted by its verification
/// window; a SECOND fresh clone rolls back under load, then to a version
/// whose service is gone (from the history); a worker
/// holding a replica is stopped under load; <c>./build.sh Status</c> names the down node and a hand-made service change;
/// the stateful service keeps its notes across a deploy and a rollback.
/// Every phase under load must have 0 failed requests.
/// </summary>
[Collection(ClusterClonesCollection.Name)]
public sealed class ClusterCloneTests(ClusterCloneFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly List<string> _failedPhases = [];

    private static readonly string[] Cluster = ["--environment", ClusterCloneFixture.Environment];

    // The solution's compile and unit tests are the Test target's business, not this suite's (minutes each): every
    // Deploy skips them, as the remote clone tests do; the clean clone still compiles its build project cold.
    private static readonly string[] Deploying = [.. Cluster, "--skip", "Restore", "Compile", "Test"];

    [Fact]
    public async Task A_clean_clone_deploys_two_replicas_a_second_rolls_back_under_load_and_a_node_loss_is_survived_and_reported()
    {
        var ci = fixture.CiEnvironment;
        var manager = fixture.Cluster.ManagerDocker;
        var first = await fixture.CloneAsync("first");

        // The embedded registry on the runner's loopback cannot serve the workers: refused before anything is built or changed.
        var refused = await BuildSh.RunAsync(first, ci, output, false, ["Deploy", "--environment", ClusterCloneFixture.WithoutRegistry]);
        Assert.Equal(2, refused.Process.ExitCode);
        Assert.Contains("--registry", refused.Output);
        Assert.DoesNotContain("Publish", refused.Output.Split('\n').Where(l => l.Contains("Executing", StringComparison.Ordinal)));
        Assert.Empty((await ServicesAsync(ClusterCloneFixture.WithoutRegistry, null)).Keys);
        Assert.False(File.Exists(Path.Combine(first, ".nuke", "temp", "registry", "registry.pid")), "the refused run started the embedded registry");

        // First deploy: the edge on every node, 2 healthy replicas on 2 nodes, every node's port answers.
        await BuildSh.RunAsync(first, ci, output, true, ["Deploy", .. Deploying]);
        var v1 = await VersionAsync(fixture.NodePort(0));
        for (var node = 1; node < 3; node++)
            Assert.Equal(v1, await VersionAsync(fixture.NodePort(node)));
        var active = await ActiveServiceAsync();
        var tasks = await Converge.RunningTasksAsync(manager, active, t => t.Count == 2, Timeout);
        Assert.Equal(2, tasks.Select(t => t.Node).Distinct().Count());

        // A new commit, a new version, under steady load through node 1's edge: the other nodes' edges switch too.
        await fixture.CommitAsync(first, "v2");
        var v2 = "";
        await PhaseAsync("deploy", async () =>
        {
            await BuildSh.RunAsync(first, ci, output, true, ["Deploy", .. Deploying]);
            v2 = await VersionAsync(fixture.NodePort(0));
            Assert.NotEqual(v1, v2);
            await EventuallyAsync(async () => await VersionAsync(fixture.NodePort(1)) == v2 && await VersionAsync(fixture.NodePort(2)) == v2);
        });

        // Never healthy: its tasks never pass Docker's check, so Swarm's DNS never lists them and no edge routes to them; removed, v2 kept serving.
        await PhaseAsync("never-healthy release refused", async () =>
        {
            var failed = await BuildSh.RunAsync(first, ci, output, false, ["Deploy", .. Deploying, "--env", "HEALTHCHECK_PATH=/health/does-not-exist", "--deploy-timeout", "30s"]);
            Assert.NotEqual(0, failed.Process.ExitCode);
            Assert.Contains($"{v2} kept serving", failed.Output);
            Assert.Equal(v2, await VersionAsync(fixture.NodePort(0)));
        });

        // Healthy by Docker's check but failing every write: judged on real traffic read from every node's edge, and
        // reverted by itself (v2's service scaled back up, health first, before the bad one goes to 0).
        await PhaseAsync("release failing writes reverted by its window", async () =>
        {
            var serving = await ActiveServiceAsync();
            await using var writes = new WriteLoad(fixture.NodePort(0), connections: 2, cookies: false);
            await Task.Delay(1500);
            var failed = await BuildSh.RunAsync(first, ci, output, false, ["Deploy", .. Deploying, "--env", "NOTES_TEST_FAIL_WRITES=true", "--verify-for", "30s"]);
            var revertedAt = DateTimeOffset.UtcNow;
            Assert.NotEqual(0, failed.Process.ExitCode);
            Assert.Contains("is above the limit maxErrorRate 5.0%", failed.Output);
            Assert.Contains($"({serving}) serves again", failed.Output);
            Assert.Equal(serving, await ActiveServiceAsync());
            await Task.Delay(3000);
            var late = writes.Failures.Where(f => f.At > revertedAt.AddSeconds(1)).ToArray();
            output.WriteLine($"{writes.Requests} writes; {writes.Failures.Count} failed, {late.Length} after the revert");
            Assert.True(writes.Failures.Count >= 20, "the bad release took no writes");
            Assert.Empty(late);
        });

        // A second CI job: a fresh clone (its build project restored as CI's cache would: the first clone's build/bin,
        // same tree; --help proves it ready), then Rollback, timed from the command to v1 answering alone on node 1.
        var second = await fixture.Source.CloneBuiltLikeAsync("second", first);
        Assert.DoesNotContain("Building the build project", (await BuildSh.RunAsync(second, ci, output, true, ["--help"])).Output);
        await PhaseAsync("rollback", async () =>
        {
            var clock = Stopwatch.StartNew();
            using var rollback = BuildSh.Start(second, ci, output, ["Rollback", .. Cluster]);
            await EventuallyAsync(async () => await VersionAsync(fixture.NodePort(0)) == v1 && await VersionAsync(fixture.NodePort(0)) == v1, TimeSpan.FromMinutes(3));
            var toServing = clock.Elapsed;
            Assert.Equal(0, await rollback.WaitAsync(TimeSpan.FromMinutes(5)));
            output.WriteLine($"rollback to serving {v1} only: {toServing.TotalSeconds:F1} s (the command took {clock.Elapsed.TotalSeconds:F1} s)");
            await FigureAsync($"rollback-to-serving\t-\t-\t{toServing.TotalSeconds:F1}");
        });

        // A version no retained service holds (pruned by keepReleases, here removed by hand) comes back from the history: created again, health first.
        // The release its window reverted stays (kept for inspection, v2's version and digest): a rollback must not bring it back.
        var v2Services = (await ServicesAsync(ClusterCloneFixture.Environment, ContainerRole.Release)).Where(s => s.Value == 0 && s.Key.Contains(v2.Replace('.', '-'), StringComparison.Ordinal)).Select(s => s.Key).ToArray();
        var good = new List<string>();
        foreach (var service in v2Services)
            if (!(await manager.InspectServiceAsync(service))!.Environment.ContainsKey("NOTES_TEST_FAIL_WRITES"))
                good.Add(service);
        Assert.Equal(2, v2Services.Length);
        var v2Service = Assert.Single(good);
        await manager.RemoveServicesAsync(new DockerServiceRmSettings(v2Service));
        await PhaseAsync("rollback to a pruned version", async () =>
        {
            var back = await BuildSh.RunAsync(second, ci, output, true, ["Rollback", .. Cluster, "--to-version", v2]);
            Assert.Contains("created again", back.Output);
            Assert.Equal(v2, await VersionAsync(fixture.NodePort(0)));
        });

        var history = HistoryRows.Parse((await BuildSh.RunAsync(second, ci, output, true, ["History", .. Cluster])).Output);
        Assert.Equal([("deploy", "succeeded", v1), ("deploy", "succeeded", v2), ("deploy", "failed", v2), ("deploy", "reverted", v2), ("rollback", "succeeded", v1), ("rollback", "succeeded", v2)], history);

        // A worker holding a replica goes away under load: the other nodes keep serving, Swarm brings the replica back.
        active = await ActiveServiceAsync();
        var holding = (await manager.ServiceTasksAsync(new DockerServicePsSettings(active) { DesiredState = "running" })).Select(t => t.Node).ToHashSet();
        var lost = fixture.Cluster.Workers.First(w => holding.Contains(w.Name));
        await PhaseAsync($"node loss ({lost.Name})", async () =>
        {
            await fixture.Cluster.OuterDocker.StopAsync(new DockerStopSettings([lost.Name]) { Timeout = TimeSpan.FromSeconds(15) });
            await Converge.NodesAsync(manager, n => n.Any(x => x.Hostname == lost.Name && x.Status == "down"), Timeout);
            await Converge.RunningTasksAsync(manager, active, t => t.Count == 2 && t.All(x => x.Node != lost.Name), Timeout);
            Assert.Equal(v2, await VersionAsync(fixture.NodePort(0)));
        });
        var status = await BuildSh.RunAsync(second, ci, output, true, ["Status", .. Cluster]);
        Assert.Contains($"down: {lost.Name}", status.Output);
        Assert.Contains($"service {active}: 2 of 2 running", status.Output);

        // Drift: the service changed by hand is named (the value is not), and Status fails.
        await manager.UpdateServiceAsync(new DockerServiceUpdateSettings(active) { AddEnvironment = new Dictionary<string, string> { ["SWM3_BY_HAND"] = "secret-ish" } });
        var drifted = await BuildSh.RunAsync(second, ci, output, false, ["Status", .. Cluster]);
        Assert.NotEqual(0, drifted.Process.ExitCode);
        Assert.Contains("env SWM3_BY_HAND", drifted.Output);
        Assert.DoesNotContain("secret-ish", drifted.Output);

        // The service as it is, stateful: one replica on the node holding its volume; its notes outlive a deploy and a rollback.
        // Its own image name: this clone's next commit gets the version number the first clone's v2 has, from another commit.
        string[] data = ["--environment", ClusterCloneFixture.Stateful, "--image-name", fixture.ImageName + "-data", "--skip", "Restore", "Compile", "Test"];
        var notes = new NotesClient(ClusterCloneFixture.StatefulPort);
        await BuildSh.RunAsync(second, ci, output, true, ["Deploy", .. data]);
        var holder = await Converge.RunningTasksAsync(manager, (await ServicesAsync(ClusterCloneFixture.Stateful, ContainerRole.Release)).Single().Key, t => t.Count == 1, Timeout);
        Assert.Equal(fixture.Cluster.Manager.Name, holder.Single().Node);
        await notes.AddAsync("kept on the cluster");
        await fixture.CommitAsync(second, "v3");
        await BuildSh.RunAsync(second, ci, output, true, ["Deploy", .. data]);
        Assert.NotEqual(v1, (await notes.VersionAsync()).Split('+')[0]);
        Assert.Equal(["kept on the cluster"], await notes.TextsAsync());
        await BuildSh.RunAsync(second, ci, output, true, ["Rollback", .. data]);
        Assert.Equal(v1, (await notes.VersionAsync()).Split('+')[0]);
        Assert.Equal(["kept on the cluster"], await notes.TextsAsync());
        Assert.Empty(_failedPhases);
    }

    /// <summary>The release service that is scaled up (the retained ones are at 0).</summary>
    private async Task<string> ActiveServiceAsync() =>
        (await ServicesAsync(ClusterCloneFixture.Environment, ContainerRole.Release)).Single(s => s.Value > 0).Key;

    /// <summary>The environment's services on the cluster (of one role, or all) and their desired replicas, from <c>docker service ls</c>.</summary>
    private async Task<IReadOnlyDictionary<string, int>> ServicesAsync(string environment, ContainerRole? role)
    {
        var listed = await fixture.Cluster.ManagerDocker.ExecuteAsync(new DockerServiceLsSettings
        {
            LabelFilters = role is { } r ? [$"{ReleaseLabels.Environment}={environment}", $"{ReleaseLabels.Role}={ReleaseLabels.RoleName(r)}"] : [$"{ReleaseLabels.Environment}={environment}"],
        }, echoOutput: false);
        return listed.StandardOutput.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("Name").GetString()!, e => int.TryParse(e.GetProperty("Replicas").GetString()!.Split('/')[^1], out var n) ? n : 0);
    }

    /// <summary>One phase under steady load through node 1's port: its figures are printed (and kept for bench/swarm-deploy.sh); any failure fails the test at its end.</summary>
    private async Task PhaseAsync(string phase, Func<Task> action)
    {
        var load = new SteadyLoad(fixture.NodePort(0));
        var clock = Stopwatch.StartNew();
        await using (load)
        {
            await Task.Delay(1000);
            await action();
            await Task.Delay(1000);
            await load.StopAsync();
        }
        var line = $"{phase}: {load.Describe()} in {clock.Elapsed.TotalSeconds:F1} s";
        output.WriteLine(line);
        await FigureAsync($"{phase}\t{load.Served}\t{load.Failures.Count}\t{clock.Elapsed.TotalSeconds:F1}");
        // Kept, not thrown: the later phases still run and report their figures.
        if (!load.Failures.IsEmpty || load.Served == 0)
        {
            _failedPhases.Add(line);
            output.WriteLine($"last failure: {load.Failures.LastOrDefault()}");
            await DescribeEdgeTasksAsync();
        }
    }

    /// <summary>Every task the edge services ever had (a replaced one says why), to tell a restarted edge from a bad route.</summary>
    private async Task DescribeEdgeTasksAsync()
    {
        foreach (var service in (await ServicesAsync(ClusterCloneFixture.Environment, null)).Keys.Where(s => s.StartsWith("drydock-edge-", StringComparison.Ordinal)))
            foreach (var task in await fixture.Cluster.ManagerDocker.ServiceTasksAsync(new DockerServicePsSettings(service)))
                output.WriteLine($"  {task.Name} on {task.Node}: desired {task.DesiredState}, {task.CurrentState} {task.Error}");
    }

    private static async Task FigureAsync(string line)
    {
        if (System.Environment.GetEnvironmentVariable("SWM3_FIGURES") is { Length: > 0 } figures)
            await File.AppendAllTextAsync(figures, line + "\n");
    }

    private static async Task<string> VersionAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                var view = await http.GetFromJsonAsync<VersionView>(new Uri($"http://127.0.0.1:{port}/version"));
                return view!.Version.Split('+')[0];
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(300);
            }
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {limit.TotalSeconds:F0} s");
            await Task.Delay(250);
        }
    }

    private sealed record VersionView(string Version);
}
