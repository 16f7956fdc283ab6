using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

public sealed class LockTests
{
    private static readonly DateTimeOffset Since = Samples.Noon;
    private static readonly DateTimeOffset PidStart = Samples.Noon.AddMinutes(-1);
    private static readonly LockInfo Held = new("ci@runner-1", "runner-1", 4242, PidStart, Since, "deploy 1.2.3", "id");

    [Fact]
    public void A_live_holder_on_this_host_is_respected() =>
        Assert.Null(LockStaleness.Decide(Held, Since.AddMinutes(5), "runner-1", _ => PidStart, TimeSpan.FromMinutes(30)));

    [Fact]
    public void A_holder_process_that_is_gone_makes_the_lock_stale() =>
        Assert.Contains("no longer running", LockStaleness.Decide(Held, Since.AddSeconds(5), "runner-1", _ => null, TimeSpan.FromMinutes(30)));

    [Fact]
    public void A_reused_pid_is_not_the_holder() =>
        Assert.Contains("different process", LockStaleness.Decide(Held, Since.AddSeconds(5), "runner-1", _ => PidStart.AddMinutes(3), TimeSpan.FromMinutes(30)));

    [Fact]
    public void A_holder_on_another_host_is_respected_until_the_timeout()
    {
        Assert.Null(LockStaleness.Decide(Held, Since.AddMinutes(29), "laptop", _ => null, TimeSpan.FromMinutes(30)));
        Assert.Contains("older than the lock timeout", LockStaleness.Decide(Held, Since.AddMinutes(31), "laptop", _ => null, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Lock_labels_round_trip_and_describe_the_holder()
    {
        var read = LockInfo.FromLabels(Held.ToLabels(), default);
        Assert.Equal(Held, read);
        Assert.Equal("ci@runner-1 (pid 4242 on runner-1, deploy 1.2.3) since 2025-06-01 12:00:00 UTC (2m05s ago)", read.Describe(Since.AddSeconds(125)));
    }

    [Fact]
    public void A_lock_without_labels_falls_back_to_its_creation_time()
    {
        var read = LockInfo.FromLabels(new Dictionary<string, string>(), Since);
        Assert.Equal("unknown", read.Holder);
        Assert.Equal(Since, read.Since);
    }

    [Fact]
    public void A_holder_on_another_host_that_keeps_beating_is_respected_past_the_timeout()
    {
        var beating = Held with { Heartbeat = Since.AddMinutes(50) };
        Assert.Null(LockStaleness.Decide(beating, Since.AddMinutes(60), "laptop", _ => null, TimeSpan.FromMinutes(30)));
        Assert.Contains("last heartbeat is older than the lock timeout", LockStaleness.Decide(beating, Since.AddMinutes(81), "laptop", _ => null, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void The_heartbeat_comes_well_within_the_timeout()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), LockHeartbeat.Interval(TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromSeconds(36), LockHeartbeat.Interval(TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void A_lock_timeout_shorter_than_the_window_plus_margin_is_refused_naming_both()
    {
        var config = new EnvironmentConfig { LockTimeout = TimeSpan.FromMinutes(30), Verification = new VerificationPolicy { Window = TimeSpan.FromMinutes(45) } };
        var error = Assert.Throws<DeployException>(config.Validate);
        Assert.Contains("lockTimeout 30m is shorter than the verification window 45m plus a 2m margin", error.Message);
        Assert.Contains("set lockTimeout to at least 47m", error.Message);
        Assert.Null(LockTimeoutCheck.Problem(config with { LockTimeout = TimeSpan.FromMinutes(47) }));
        Assert.Null(LockTimeoutCheck.Problem(new EnvironmentConfig()));
    }

    [Fact]
    public async Task A_stale_lock_is_removed_by_its_id_so_a_lock_another_run_took_meanwhile_survives()
    {
        var engine = new FakeDockerEngine();
        var local = new EnvironmentId("notes", "local");
        var dead = new LockInfo("dev@laptop", ProcessIdentity.Host, 999_997, Since, Since, "deploy 1.0.0", "dead");
        var theirs = new LockInfo("ci@runner-2", "runner-2", 7, null, DateTimeOffset.UtcNow, "deploy 2.0.0", "theirs");
        engine.Add(local.LockContainer, Labels(local, dead), running: false);
        var raced = false;
        // The other run judged the dead lock stale first, removed it and took a new one, just before our rm.
        engine.Intercept = a =>
        {
            if (a[0] == "rm" && !raced)
            {
                raced = true;
                engine.Containers.Remove(local.LockContainer);
                engine.Add(local.LockContainer, Labels(local, theirs), running: false);
            }
            return null;
        };

        var acquire = DeployLock.AcquireAsync(new EnvironmentContainers(new DockerCli(engine) { Masker = new SecretMasker() }), new RecordingBuildLog(), TimeProvider.System,
            new LockRequest(local, "deploy 3.0.0", "dev@laptop", TimeSpan.FromMinutes(30)) { ProcessStartedAt = _ => null }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DeployLockedException>(() => acquire);
        Assert.Equal("theirs", error.Holder.LockId);
        Assert.Equal("theirs", engine.Containers[local.LockContainer].Labels[LockInfo.IdLabel]);
    }

    [Fact]
    public async Task Releasing_removes_the_lock_by_its_id_so_a_lock_another_run_took_meanwhile_survives()
    {
        var engine = new FakeDockerEngine();
        var local = new EnvironmentId("notes", "local");
        var containers = new EnvironmentContainers(new DockerCli(engine) { Masker = new SecretMasker() });
        var held = await DeployLock.AcquireAsync(containers, new RecordingBuildLog(), TimeProvider.System,
            new LockRequest(local, "deploy 1.0.0", "dev@laptop", TimeSpan.FromMinutes(30)), CancellationToken.None);
        var theirs = new LockInfo("ci@runner-2", "runner-2", 7, null, DateTimeOffset.UtcNow, "deploy 2.0.0", "theirs");
        // Between our inspect and our rm, another run judged our lock stale, removed it and took its own.
        engine.Intercept = a =>
        {
            if (a[0] == "rm" && engine.Containers.TryGetValue(local.LockContainer, out var ours) && ours.Labels[LockInfo.IdLabel] != "theirs")
            {
                engine.Containers.Remove(local.LockContainer);
                engine.Add(local.LockContainer, Labels(local, theirs), running: false);
            }
            return null;
        };

        await held.DisposeAsync();

        Assert.Equal("theirs", engine.Containers[local.LockContainer].Labels[LockInfo.IdLabel]);
    }

    [Fact]
    public async Task The_holder_refreshes_its_lock_by_id_while_it_holds_it()
    {
        var engine = new FakeDockerEngine();
        var local = new EnvironmentId("notes", "local");
        var containers = new EnvironmentContainers(new DockerCli(engine) { Masker = new SecretMasker() });
        await using (var held = await DeployLock.AcquireAsync(containers, new RecordingBuildLog(), TimeProvider.System,
            new LockRequest(local, "deploy 1.0.0", "dev@laptop", TimeSpan.FromSeconds(5)), CancellationToken.None))
        {
            var id = engine.Containers[local.LockContainer].Id;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!engine.Containers[local.LockContainer].Files.ContainsKey(LockHeartbeat.Path) && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Contains(engine.Commands.ToList(), c => c[0] == "cp" && c[^1] == $"{id}:{LockHeartbeat.Path}");
            var beat = await LockHeartbeat.ReadAsync(containers, id, CancellationToken.None);
            Assert.NotNull(beat);
            Assert.True(beat > engine.Containers[local.LockContainer].Created);
        }
        Assert.False(engine.Containers.ContainsKey(local.LockContainer));
    }

    private static Dictionary<string, string> Labels(EnvironmentId environment, LockInfo info) =>
        new Dictionary<string, string>(ReleaseLabels.Owner(environment, ContainerRole.Lock)).Concat(info.ToLabels()).ToDictionary();
}
