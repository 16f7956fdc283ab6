using Drydock.Edge.Metrics;

namespace Drydock.Edge.Tests;

/// <summary>The sliding window's arithmetic as data: latency bins, nearest-rank percentiles, expiry, bounded slots.</summary>
public sealed class TrafficWindowTests
{
    private static readonly RequestOutcome Ok = new(OutcomeKind.Answered, 200);

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(1, 1)]
    [InlineData(1000, 1000)] // 2^(40/4) = 1024 µs is the first bound at or above 1 ms
    [InlineData(100_000, 100_000)]
    [InlineData(10_000_000_000, 134_217_728)] // beyond the last bin: counted in it
    public void A_latency_lands_in_a_bin_whose_upper_bound_is_at_most_19_percent_above_it(double micros, double atLeast)
    {
        var bound = LatencyBins.UpperBound(LatencyBins.Index(TimeSpan.FromMicroseconds(micros))).TotalMicroseconds;

        Assert.InRange(bound, atLeast, Math.Max(atLeast * 1.19, 1.0));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_bins()
    {
        var bins = new long[LatencyBins.Count];
        bins[LatencyBins.Index(TimeSpan.FromMilliseconds(2))] = 98;
        bins[LatencyBins.Index(TimeSpan.FromMilliseconds(500))] = 2;

        Assert.Equal(LatencyBins.UpperBound(LatencyBins.Index(TimeSpan.FromMilliseconds(2))), LatencyBins.Percentile(bins, 0.5));
        Assert.Equal(LatencyBins.UpperBound(LatencyBins.Index(TimeSpan.FromMilliseconds(2))), LatencyBins.Percentile(bins, 0.98));
        Assert.Equal(LatencyBins.UpperBound(LatencyBins.Index(TimeSpan.FromMilliseconds(500))), LatencyBins.Percentile(bins, 0.99));
        Assert.Null(LatencyBins.Percentile(new long[LatencyBins.Count], 0.5));
    }

    [Fact]
    public void The_window_counts_the_last_n_seconds_only()
    {
        var window = new TrafficWindow(30);
        window.Record(1000, Ok, TimeSpan.FromMilliseconds(1));
        window.Record(1010, new RequestOutcome(OutcomeKind.Answered, 413), TimeSpan.FromMilliseconds(1));
        window.Record(1029, new RequestOutcome(OutcomeKind.UpstreamFailed, 0), TimeSpan.FromSeconds(5));
        window.Record(1029, new RequestOutcome(OutcomeKind.ClientGone, 0), TimeSpan.FromSeconds(5));

        var (all, latency) = window.Read(1029);
        var (later, _) = window.Read(1030); // second 1000 has left the window
        var (quiet, none) = window.Read(2000);

        Assert.Equal((4L, 1L, 1L, 1L, 1L), (all.Requests, all.Status2xx, all.Status4xx, all.UpstreamFailures, all.ClientGone));
        Assert.Equal(2, latency.Samples); // failures and departed clients have no latency
        Assert.Equal((3L, 0L), (later.Requests, later.Status2xx));
        Assert.Equal(0, quiet.Requests);
        Assert.Equal((0L, null, null), (none.Samples, none.P50Milliseconds, none.P99Milliseconds));
    }

    [Fact]
    public void A_slot_is_reused_when_its_second_comes_round_again()
    {
        var window = new TrafficWindow(30);
        for (var i = 0; i < 100; i++)
            window.Record(1000, Ok, TimeSpan.FromMilliseconds(1));
        window.Record(1030, Ok, TimeSpan.FromMilliseconds(400)); // same slot as 1000, thirty seconds on

        var (counts, latency) = window.Read(1030);

        Assert.Equal(1, counts.Requests);
        Assert.InRange(latency.P50Milliseconds!.Value, 400, 400 * 1.19);
    }

    [Fact]
    public void Percentiles_over_a_window_mix_all_its_seconds()
    {
        var window = new TrafficWindow(30);
        for (var second = 0; second < 30; second++)
            for (var i = 0; i < 10; i++)
                window.Record(5000 + second, Ok, TimeSpan.FromMilliseconds(second == 29 && i < 5 ? 300 : 3));

        var (_, latency) = window.Read(5029);

        Assert.Equal(300, latency.Samples);
        Assert.InRange(latency.P50Milliseconds!.Value, 3, 3 * 1.19);
        Assert.InRange(latency.P99Milliseconds!.Value, 300, 300 * 1.19); // 5 of 300 slow: 1.7% > 1%
    }
}
