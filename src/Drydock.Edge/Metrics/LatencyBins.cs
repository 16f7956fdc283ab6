namespace Drydock.Edge.Metrics;

/// <summary>
/// Latencies counted in logarithmic bins, four per doubling (each bin's upper bound is 19% above its lower one), from
/// 1 µs to about 2 minutes; longer lands in the last bin. A percentile is the upper bound of the bin it falls in: never
/// below the true value, at most 19% above it. Fixed size, so a window of them holds any traffic in bounded memory.
/// </summary>
public static class LatencyBins
{
    private const int PerDoubling = 4;

    /// <summary>2^27 µs ≈ 134 s; the forwarder gives up after 100 s of inactivity anyway.</summary>
    public const int Count = 27 * PerDoubling + 1;

    public static int Index(TimeSpan latency)
    {
        var micros = latency.Ticks / (double)TimeSpan.TicksPerMicrosecond;
        if (micros <= 1)
            return 0;
        return Math.Min(Count - 1, (int)Math.Ceiling(Math.Log2(micros) * PerDoubling));
    }

    /// <summary>The largest latency bin <paramref name="index"/> holds.</summary>
    public static TimeSpan UpperBound(int index) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Pow(2, (double)index / PerDoubling) * TimeSpan.TicksPerMicrosecond));

    /// <summary>The <paramref name="quantile"/> (0-1] of the latencies counted in <paramref name="bins"/>; null for none.</summary>
    public static TimeSpan? Percentile(ReadOnlySpan<long> bins, double quantile)
    {
        long total = 0;
        foreach (var count in bins)
            total += count;
        if (total == 0)
            return null;
        // Nearest rank: the smallest latency that at least this share of the requests did not exceed.
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < bins.Length; i++)
        {
            seen += bins[i];
            if (seen >= rank)
                return UpperBound(i);
        }
        return UpperBound(bins.Length - 1);
    }
}
