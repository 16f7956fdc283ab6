using System.Text.Json;
using Drydock.Acme;
using Drydock.Edge.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Edge.Tests;

/// <summary>The background renewal keeps checking after any error; only its own stop ends it.</summary>
public sealed class RenewalLoopTests
{
    private static readonly DnsName Host = DnsName.Parse("renew.example.org");
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static TheoryData<string> Failures => ["timeout", "json", "io", "access", "invalid", "any"];

    private static Exception Failure(string kind) => kind switch
    {
        // What HttpClient throws when its own timeout elapses: a cancellation the loop did not ask for.
        "timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()),
        "json" => new JsonException("'<' is an invalid start of a value."),
        "io" => new IOException("No space left on device"),
        "access" => new UnauthorizedAccessException("Access to the path '/state/tls/certificates' is denied."),
        "invalid" => new InvalidOperationException("unexpected"),
        _ => new NotSupportedException("anything else"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task The_next_check_still_happens_after_a_renewal_throws(string kind)
    {
        var calls = 0;
        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = new RenewalLoop(() => [Host], (_, _) =>
        {
            if (Interlocked.Increment(ref calls) >= 3)
                again.TrySetResult();
            return Task.FromException(Failure(kind));
        }, Interval, TimeProvider.System, NullLogger.Instance);

        loop.Start();

        var finished = await Task.WhenAny(again.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == again.Task, $"the loop stopped checking after {Volatile.Read(ref calls)} attempt(s) that threw {Failure(kind).GetType().Name}");
    }

    [Fact]
    public async Task The_last_attempt_and_the_last_success_are_recorded_per_host()
    {
        var calls = 0;
        var fourth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = new RenewalLoop(() => [Host], async (_, stop) =>
        {
            switch (Interlocked.Increment(ref calls))
            {
                case 1:
                    throw new IOException("disk full");
                case 2:
                    return;
                case 3:
                    throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");
                default:
                    fourth.TrySetResult();
                    await Task.Delay(Timeout.Infinite, stop);
                    return;
            }
        }, Interval, TimeProvider.System, NullLogger.Instance);
        Assert.Null(loop.LastAttempt(Host));

        loop.Start();
        await fourth.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var last = loop.LastAttempt(Host)!;
        Assert.False(last.Succeeded);
        Assert.Contains("HttpClient.Timeout", last.Problem);
        Assert.NotNull(last.LastSucceededAt);
        Assert.True(last.LastSucceededAt < last.At);
        Assert.Null(loop.LastAttempt(DnsName.Parse("other.example.org")));
    }

    [Fact]
    public async Task A_failed_host_is_retried_before_the_interval_and_after_a_success_waits_for_it()
    {
        var calls = 0;
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var loop = new RenewalLoop(() => [Host], (_, _) =>
        {
            if (Interlocked.Increment(ref calls) < 3)
                return Task.FromException(new IOException("disk full"));
            succeeded.TrySetResult();
            return Task.CompletedTask;
        }, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance, firstRetry: TimeSpan.FromMilliseconds(20));

        loop.Start();

        var finished = await Task.WhenAny(succeeded.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == succeeded.Task, $"only {Volatile.Read(ref calls)} check(s) in 10s: a failed host waited for the hourly interval");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, Volatile.Read(ref calls));
        Assert.True(loop.LastAttempt(Host)!.Succeeded);
    }

    [Fact]
    public async Task Only_the_loops_own_stop_ends_it()
    {
        var calls = 0;
        var loop = new RenewalLoop(() => [Host], async (_, stop) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(Timeout.Infinite, stop);
        }, Interval, TimeProvider.System, NullLogger.Instance);
        loop.Start();
        while (Volatile.Read(ref calls) == 0)
            await Task.Delay(10);

        await loop.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var after = Volatile.Read(ref calls);
        await Task.Delay(Interval * 5);
        Assert.Equal(after, Volatile.Read(ref calls));
    }
}
