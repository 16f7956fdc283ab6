using System.Net.Http.Headers;

namespace Drydock.Acme.Tests;

public class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Now.AddSeconds(60);
    private static readonly PollSettings Settings = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(0, 250)]
    [InlineData(1, 500)]
    [InlineData(3, 2000)]
    [InlineData(5, 5000)] // capped
    [InlineData(1000, 5000)]
    public void Without_Retry_After_the_wait_doubles_from_the_first_interval_up_to_the_cap(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), PollSchedule.NextDelay(null, Now, Deadline, attempt, Settings));

    [Fact]
    public void Retry_After_in_seconds_is_respected_even_above_our_cap() =>
        Assert.Equal(TimeSpan.FromSeconds(17), PollSchedule.NextDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(17)), Now, Deadline, 0, Settings));

    [Fact]
    public void Retry_After_as_a_date_waits_until_then() =>
        Assert.Equal(TimeSpan.FromSeconds(12), PollSchedule.NextDelay(new RetryConditionHeaderValue(Now.AddSeconds(12)), Now, Deadline, 0, Settings));

    [Fact]
    public void A_date_in_the_past_polls_at_once() =>
        Assert.Equal(TimeSpan.Zero, PollSchedule.NextDelay(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now, Deadline, 0, Settings));

    [Fact]
    public void A_wait_that_would_end_past_the_deadline_is_a_timeout_now_not_a_sleep()
    {
        Assert.Null(PollSchedule.NextDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(61)), Now, Deadline, 0, Settings));
        Assert.Null(PollSchedule.NextDelay(null, Deadline, Deadline, 0, Settings));
    }
}
