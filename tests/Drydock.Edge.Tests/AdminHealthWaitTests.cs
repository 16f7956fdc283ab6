using System.Net;
using Drydock.Edge.Client;

namespace Drydock.Edge.Tests;

/// <summary>Waiting for a new edge's admin API on a busy host, where each docker exec of the admin client is slow.</summary>
public sealed class AdminHealthWaitTests
{
    [Fact]
    public async Task An_edge_whose_every_answer_takes_longer_than_the_first_attempt_is_still_seen_healthy()
    {
        using var admin = new EdgeAdminClient(new Uri("http://edge.invalid/"), new SlowHealth(TimeSpan.FromSeconds(3)));

        Assert.True(await admin.WaitUntilHealthyAsync(TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public async Task An_edge_that_never_answers_is_given_up_after_the_timeout()
    {
        using var admin = new EdgeAdminClient(new Uri("http://edge.invalid/"), new SlowHealth(Timeout.InfiniteTimeSpan));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(await admin.WaitUntilHealthyAsync(TimeSpan.FromSeconds(3)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    }

    /// <summary>Answers 200 after <paramref name="delay"/>, as a docker exec on a loaded host does.</summary>
    private sealed class SlowHealth(TimeSpan delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }
}
