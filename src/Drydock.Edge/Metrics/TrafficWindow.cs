using Drydock.Edge.Contract;

namespace Drydock.Edge.Metrics;

/// <summary>
/// The last <see cref="Seconds"/> seconds of one upstream's traffic: a ring of one-second slots, each with its outcome
/// counts and latency bins. A slot older than the window is cleared when its second comes round again, so memory is
/// fixed (a few tens of KiB) whatever the traffic. Not thread-safe: <see cref="UpstreamTraffic"/> locks around it.
/// </summary>
internal sealed class TrafficWindow
{
    private readonly Slot[] _slots;

    public TrafficWindow(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        _slots = [.. Enumerable.Range(0, seconds).Select(_ => new Slot())];
    }

    public int Seconds => _slots.Length;

    /// <param name="second">The whole second (Unix time) the request ended in.</param>
    /// <param name="latency">How long the upstream took; counted only for answered requests.</param>
    public void Record(long second, RequestOutcome outcome, TimeSpan latency)
    {
        var slot = _slots[(int)(second % _slots.Length)];
        if (slot.Second != second)
            slot.Reset(second);
        slot.Counts.Add(outcome);
        if (outcome.Kind == OutcomeKind.Answered)
            slot.Bins[LatencyBins.Index(latency)]++;
    }

    /// <summary>What ended in the <see cref="Seconds"/> seconds up to and including <paramref name="now"/>.</summary>
    public (TrafficCountsView Counts, LatencyView Latency) Read(long now)
    {
        var counts = new TrafficCounter();
        var bins = new long[LatencyBins.Count];
        foreach (var slot in _slots)
        {
            if (slot.Second > now || now - slot.Second >= _slots.Length)
                continue;
            slot.Counts.AddTo(counts);
            for (var i = 0; i < bins.Length; i++)
                bins[i] += slot.Bins[i];
        }
        return (counts.View(), new LatencyView(bins.Sum(), Milliseconds(LatencyBins.Percentile(bins, 0.5)), Milliseconds(LatencyBins.Percentile(bins, 0.99))));
    }

    private static double? Milliseconds(TimeSpan? latency) => latency?.TotalMilliseconds;

    private sealed class Slot
    {
        public long Second { get; private set; } = long.MinValue;

        public TrafficCounter Counts { get; } = new();

        public long[] Bins { get; } = new long[LatencyBins.Count];

        public void Reset(long second)
        {
            Second = second;
            Counts.Clear();
            Array.Clear(Bins);
        }
    }
}
