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
}
