using Drydock.Edge.Contract;

namespace Drydock.Edge.Metrics;

/// <summary>
/// One upstream's outcomes since this edge process started, and over the sliding window. One lock per upstream: held
/// for a few counter increments per request, so it does not show next to forwarding.
/// </summary>
public sealed class UpstreamTraffic(TimeProvider time, int windowSeconds = UpstreamTraffic.DefaultWindowSeconds)
{
    public const int DefaultWindowSeconds = 30;

    private readonly object _gate = new();
    private readonly TrafficCounter _total = new();
    private readonly TrafficWindow _window = new(windowSeconds);

    public int WindowSeconds => _window.Seconds;

    public void Record(RequestOutcome outcome, TimeSpan latency)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            _total.Add(outcome);
            _window.Record(second, outcome, latency);
        }
    }

    public (TrafficCountsView Total, TrafficCountsView Window, LatencyView Latency) Read()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var (window, latency) = _window.Read(now);
            return (_total.View(), window, latency);
        }
    }
}
