using Drydock.Acme;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Tests;

/// <summary>After a failed renewal a host is checked again sooner, doubling up to the interval; a success resets it.</summary>
public sealed class RenewalBackoffTests
{
    private static readonly DnsName Host = DnsName.Parse("renew.example.org");
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_wait_doubles_from_the_first_retry_and_stops_at_the_interval()
    {
        Assert.Equal(Hour, RenewalBackoff.Delay(0, Minute, Hour));
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 8).Select(failures => RenewalBackoff.Delay(failures, Minute, Hour).TotalMinutes));
        Assert.Equal(Hour, RenewalBackoff.Delay(int.MaxValue, Minute, Hour));
        Assert.Equal(TimeSpan.FromSeconds(20), RenewalBackoff.Delay(3, Minute, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void A_failed_host_is_due_after_its_backoff_and_a_success_waits_the_whole_interval_again()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var schedule = new RenewalSchedule(Hour, Minute, time);
        Assert.True(schedule.IsDue(Host));

        Assert.Equal(Minute, schedule.Record(Host, "connection: down"));
        Assert.False(schedule.IsDue(Host));
        time.Advance(Minute);
        Assert.True(schedule.IsDue(Host));
        Assert.Equal(2 * Minute, schedule.Record(Host, "connection: down"));
        time.Advance(Minute);
        Assert.False(schedule.IsDue(Host));
        time.Advance(Minute);
        Assert.True(schedule.IsDue(Host));

        Assert.Equal(Hour, schedule.Record(Host, problem: null));
        time.Advance(Hour - Minute);
        Assert.False(schedule.IsDue(Host));
        Assert.Equal(Minute, schedule.Record(Host, "dns: NXDOMAIN"));
        Assert.Equal(time.GetUtcNow() - (Hour - Minute), schedule.Last(Host)!.LastSucceededAt);
    }

    [Fact]
    public void A_check_that_ended_after_its_tick_began_is_due_at_the_next_tick_not_the_one_after()
    {
        var second = TimeSpan.FromSeconds(1);
        var time = new ManualTime(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var schedule = new RenewalSchedule(second, Minute, time);

        time.Advance(TimeSpan.FromMilliseconds(300)); // the renewal ran for 0.3 s after the tick
        schedule.Record(Host, problem: null);
        time.Advance(TimeSpan.FromMilliseconds(700)); // the next tick, one interval after the first

        Assert.True(schedule.IsDue(Host));
    }
}
