using Drydock.Docker;
using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

/// <summary>
/// A run killed after its switch put its release in service without writing its record. The next
/// run's recovery records it from its labels, so Status, Rollback and retention agree with what serves; and Status
/// calls the dead holder's lock stale.
/// </summary>
public sealed class InterruptedRunTests
{
    private static readonly EnvironmentId Local = new("notes", "local");
    private readonly FakeDockerEngine _engine = new();
    private readonly RecordingBuildLog _log = new();
    private readonly InMemoryHistory _history = new();

    private ReleaseManager Manager() => FakeEngineManager.Create(_engine, _log, FakeEngineManager.Options(_history) with { ProcessStartedAt = _ => null });

    private static DeployRequest Request(string version, string digest, int keep = 5) =>
        new("notes", "127.0.0.1:5000/notes", digest, version) { Commit = "c" + version, Config = new EnvironmentConfig { KeepReleases = keep, DeployTimeout = TimeSpan.FromSeconds(2) } };

    private IReadOnlyList<FakeContainer> Releases => _engine.Containers.Values.Where(c => c.Labels.GetValueOrDefault(ReleaseLabels.Role) == "release").ToList();

    [Fact]
    public async Task The_next_run_records_the_release_an_interrupted_run_put_in_service_and_applies_retention()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        await manager.DeployAsync(Request("2.0.0", Samples.DigestB));
        var killed = await manager.DeployAsync(Request("3.0.0", Samples.DigestC));
        // What a SIGKILL right after the switch leaves: 3.0.0 serves, its record was never written.
        _history.Records.RemoveAt(_history.Records.Count - 1);
        Assert.False((await manager.StatusAsync(Local)).MatchesLastRelease);

        var again = await manager.DeployAsync(Request("3.0.0", Samples.DigestC, keep: 1));

        Assert.True(again.Unchanged);
        Assert.Contains("recording it as a deploy by an interrupted run", _log.Text);
        var recorded = _history.Records[^1];
        Assert.Equal(("3.0.0", killed.Container, ReleaseOutcome.Succeeded, "2.0.0"), (recorded.Version, recorded.Container, recorded.Outcome, recorded.PreviousVersion));
        Assert.Equal(HistoryReconciliation.InterruptedNote, recorded.Message);
        // keepReleases 1 holds at once, not only after the next successful deploy.
        Assert.Equal([("2.0.0", false), ("3.0.0", true)], Releases.Select(c => (c.Labels[ReleaseLabels.Version], c.Running)).Order());
        var status = await manager.StatusAsync(Local);
        Assert.True(status.MatchesLastRelease, status.Describe());

        // A later rollback goes back from the release that really served.
        var rollback = await manager.RollbackAsync(new RollbackRequest("notes") { Config = new EnvironmentConfig { DeployTimeout = TimeSpan.FromSeconds(2) } });
        Assert.Equal("2.0.0", rollback.Deploy!.Release.Version);
        Assert.Equal("3.0.0", rollback.Deploy.ReplacedVersion);
    }

    [Fact]
    public async Task A_recorded_environment_gets_no_extra_record()
    {
        var manager = Manager();
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        await manager.DeployAsync(Request("1.0.0", Samples.DigestA));
        Assert.Single(_history.Records);
    }

    [Fact]
    public async Task Status_calls_a_lock_whose_holder_is_gone_stale()
    {
        var dead = new LockInfo("dev@laptop", ProcessIdentity.Host, 999_997, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "deploy 2.0.0", "dead");
        _engine.Add(Local.LockContainer, new Dictionary<string, string>(ReleaseLabels.Owner(Local, ContainerRole.Lock)).Concat(dead.ToLabels()).ToDictionary(), running: false);

        var status = await Manager().StatusAsync(Local);

        Assert.Contains("no longer running", status.LockStale);
        Assert.Contains("STALE: its holder, pid 999997", status.Describe());
        Assert.Contains("the next deploy or rollback takes it over", status.Describe());
    }
}
