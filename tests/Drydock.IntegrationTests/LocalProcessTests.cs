using System.Diagnostics;
using Drydock.Docker;
using Drydock.Registry;

namespace Drydock.IntegrationTests;

/// <summary>The background-process plumbing under dockerd and the registry, with real processes.</summary>
[Collection(DockerCollection.Name)]
public sealed class LocalProcessTests(DockerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_registry_that_already_answers_is_reused_and_left_running()
    {
        var log = new CapturingBuildLog(output);
        var runner = fixture.CreateDocker(log).Runner;

        var reused = await LocalRegistry.EnsureRunningAsync(
            new LocalRegistryOptions(Path.Combine(fixture.WorkDirectory, "unused")) { Address = fixture.Registry.Address }, runner, log);
        await reused.StopAsync();

        Assert.False(reused.StartedHere);
        Assert.True(fixture.Registry.StartedHere);
        using var http = new HttpClient();
        Assert.True(await new RegistryClient(http, fixture.Registry.Address).PingAsync());
    }

    [Fact]
    public async Task Two_builds_asking_for_one_free_address_at_once_start_one_registry_and_both_use_it()
    {
        var log = new CapturingBuildLog(output);
        var runner = fixture.CreateDocker(log).Runner;
        var address = $"127.0.0.1:{FreePort.Next()}";
        LocalRegistryOptions Options(string build) => new(Path.Combine(fixture.WorkDirectory, "ln-" + build)) { Address = address };

        var both = await Task.WhenAll(
            Task.Run(() => LocalRegistry.EnsureRunningAsync(Options("first"), runner, log)),
            Task.Run(() => LocalRegistry.EnsureRunningAsync(Options("second"), runner, log)));
        try
        {
            // Without the machine lock both start docker-registry: one loses the port, or both claim the one that won.
            var started = Assert.Single(both, r => r.StartedHere);
            Assert.True(HostSystem.IsProcessAlive(started.ProcessId!.Value));
            Assert.All(both, r => Assert.Equal(address, r.Address));
            using var http = new HttpClient();
            Assert.True(await new RegistryClient(http, address).PingAsync());
        }
        finally
        {
            foreach (var registry in both)
                await registry.StopAsync();
        }
    }

    [Fact]
    public async Task A_detached_process_outlives_its_starter_logs_to_its_file_and_stops_by_id()
    {
        var runner = fixture.CreateDocker(new CapturingBuildLog(output)).Runner;
        var logPath = Path.Combine(fixture.WorkDirectory, "detached", "sleep.log");

        var clock = Stopwatch.StartNew();
        var processId = await DetachedProcess.StartAsync(runner, logPath, "sh", ["-c", "echo started; exec sleep 60"]);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "starting must not wait for the process");
        Assert.True(HostSystem.IsProcessAlive(processId));
        await WaitUntil(() => File.Exists(logPath) && File.ReadAllText(logPath).Contains("started"));

        await DetachedProcess.StopAsync(runner, processId);
        await WaitUntil(() => !HostSystem.IsProcessAlive(processId));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(50);
        }
    }
}
