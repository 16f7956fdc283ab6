using System.Net.Http.Headers;

namespace Drydock.Acme.Tests;

public class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Now.AddSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void Without_Retry_After_the_interval_is_used() =>
        Assert.Equal(Interval, PollSchedule.NextDelay(null, Now, Deadline, Interval));

    [Fact]
    public void Retry_After_in_seconds_is_respected() =>
        Assert.Equal(TimeSpan.FromSeconds(7), PollSchedule.NextDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now, Deadline, Interval));

    [Fact]
    public void Retry_After_as_a_date_waits_until_then() =>
        Assert.Equal(TimeSpan.FromSeconds(12), PollSchedule.NextDelay(new RetryConditionHeaderValue(Now.AddSeconds(12)), Now, Deadline, Interval));

    [Fact]
    public void A_date_in_the_past_polls_at_once() =>
        Assert.Equal(TimeSpan.Zero, PollSchedule.NextDelay(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now, Deadline, Interval));

    [Fact]
    public void A_wait_that_would_end_past_the_deadline_is_a_timeout_now_not_a_sleep()
    {
        Assert.Null(PollSchedule.NextDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(61)), Now, Deadline, Interval));
        Assert.Null(PollSchedule.NextDelay(null, Deadline, Deadline, Interval));
    }
}
