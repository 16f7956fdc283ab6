using Drydock.Deploy.IntegrationTests;

namespace Drydock.Remote.IntegrationTests;

/// <summary>
/// A remote deploy end to end, as CI does it: from a clean clone, <c>./build.sh Deploy --host ssh://root@127.0.0.1:21500</c>
/// (key in ssh-agent, known hosts in SSH_KNOWN_HOSTS) serves v1 on the node, then v2 under load; a SECOND fresh clone
/// rolls back under load; the data is kept; and no listener of the run appears on the runner while it deploys.
/// </summary>
[Collection(ClonesCollection.Name)]
public sealed class CloneDeployTests(CloneFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_clean_clone_deploys_v1_and_v2_over_ssh_a_second_clone_rolls_back_data_kept_and_nothing_listens_on_the_runner()
    {
        var node = fixture.Node(0);
        var ci = fixture.CiEnvironment(node);
        var args = fixture.Against(node, CloneFixture.Environment);
        var notes = new NotesClient(CloneFixture.AppPortBase);
        var listenersBefore = RunnerListeners.Read();

        var first = await fixture.CloneAsync("first");
        await ObservedAsync(first, ci, node, ["Deploy", .. args]);
        var v1 = await notes.VersionAsync();
        await notes.AddAsync("kept on the server");

        await fixture.CommitAsync(first, "v2");
        await using (var load = new LoadRunner(CloneFixture.AppPortBase, connections: 2))
        {
            await ObservedAsync(first, ci, node, ["Deploy", .. args]);
            await load.DisposeAsync();
            output.WriteLine($"Deploy v2 under load: {load.Requests} requests, {load.Failures.Count} failed {string.Join("; ", load.Failures.Take(3))}");
            Assert.Empty(load.Failures);
            Assert.True(load.Requests > 0);
        }
        var v2 = await notes.VersionAsync();
        Assert.NotEqual(v1, v2);

        // A second CI job: a fresh clone of the first commit, its build project restored as CI's cache would (the first
        // clone's build/bin, same tree); nothing else carried over from the first runner's checkout.
        var second = await fixture.Source.CloneBuiltLikeAsync("second", first);
        await using (var load = new LoadRunner(CloneFixture.AppPortBase, connections: 2))
        {
            var rollback = await ObservedAsync(second, ci, node, ["Rollback", .. args]);
            await load.DisposeAsync();
            output.WriteLine($"Rollback under load: {load.Requests} requests, {load.Failures.Count} failed {string.Join("; ", load.Failures.Take(3))}");
            Assert.Empty(load.Failures);
            Assert.Contains(v1, rollback.Output);
            Assert.DoesNotContain("Building the build project", rollback.Output);
        }
        Assert.Equal(v1, await notes.VersionAsync());
        Assert.Equal(["kept on the server"], await notes.TextsAsync());

        var history = HistoryRows.Parse((await BuildSh.RunAsync(second, ci, output, true, ["History", .. args])).Output);
        Assert.Equal([("deploy", v1), ("deploy", v2), ("rollback", v1)], history.Where(r => r.Outcome == "succeeded").Select(r => (r.Action, r.Version)));
        var status = await BuildSh.RunAsync(second, ci, output, true, ["Status", .. args]);
        Assert.Contains($"{CloneFixture.Environment} of {fixture.ImageFor(CloneFixture.Environment)}: {v1}", status.Output);

        Assert.Empty(LeftOvers.SshClientsTo(node.SshPort));
        var newOnTheMachine = RunnerListeners.Read().Select(l => l.Address).Except(listenersBefore.Select(l => l.Address)).ToList();
        output.WriteLine($"Listeners on the runner now and not before (any process on this shared machine): {(newOnTheMachine.Count == 0 ? "none" : string.Join(", ", newOnTheMachine))}");
        await fixture.OfferForSharingAsync(second); // built, at the source's HEAD: what the shared tests would clone and build again
    }

    [Fact]
    public async Task Replace_against_a_server_over_ssh_is_refused_before_anything_runs_naming_edge()
    {
        var node = fixture.Node(0);
        var clone = await fixture.SharedCloneAsync();

        var refused = await BuildSh.RunAsync(clone, fixture.CiEnvironment(node), output, false,
            ["Deploy", .. fixture.Against(node, CloneFixture.Environment + "r"), "--new-environment", "--strategy", "replace"]);

        Assert.NotEqual(0, refused.Process.ExitCode);
        Assert.Contains("The replace strategy cannot deploy", refused.Output);
        Assert.Contains("--strategy edge", refused.Output);
        Assert.DoesNotContain("Opening one SSH connection", refused.Output);
        var containers = await fixture.OnNodeAsync(node, null, "docker", "ps", "-aq", "--filter", $"label=dev.drydock.environment={CloneFixture.Environment}r");
        Assert.Equal("", containers.Output.Trim());
    }

    /// <summary>Runs the build to success while watching it: no listener of its own, no secret on a command line.</summary>
    private async Task<BuildSh> ObservedAsync(string clone, Dictionary<string, string> ci, Testing.Nodes.TestNode node, string[] args)
    {
        using var build = BuildSh.Start(clone, ci, output, args);
        RunObserver observer;
        await using (observer = new RunObserver(build, node.SshPort))
        {
            var exitCode = await build.WaitAsync(TimeSpan.FromMinutes(15));
            Assert.True(exitCode == 0, $"{build.Command} exited with {exitCode}:\n{build.Output}");
        }
        output.WriteLine($"{build.Command}: {observer.Samples} samples, tunnel seen in {observer.TunnelSightings}, listeners of the run: {(observer.ListenersOfTheRun.IsEmpty ? "none" : string.Join(", ", observer.ListenersOfTheRun.Values))}");
        Assert.True(observer.TunnelSightings > 0, "the run's ssh tunnel was never seen: the watch did not cover it");
        Assert.Empty(observer.ListenersOfTheRun.Values);
        return build;
    }
}
