using Drydock.Edge.Contract;

namespace Drydock.Edge.Metrics;

/// <summary>Counts of outcomes, added to one at a time; not thread-safe (its owner locks).</summary>
internal sealed class TrafficCounter
{
    private readonly long[] _classes = new long[5];
    private long _upstreamFailures;
    private long _clientGone;

    public void Add(RequestOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Answered:
                _classes[outcome.StatusClass - 1]++;
                break;
            case OutcomeKind.UpstreamFailed:
                _upstreamFailures++;
                break;
            default:
                _clientGone++;
                break;
        }
    }

    public void AddTo(TrafficCounter sum)
    {
        for (var i = 0; i < _classes.Length; i++)
            sum._classes[i] += _classes[i];
        sum._upstreamFailures += _upstreamFailures;
        sum._clientGone += _clientGone;
    }

    public void Clear()
    {
        Array.Clear(_classes);
        _upstreamFailures = 0;
        _clientGone = 0;
    }

    public TrafficCountsView View() => new(
        _classes.Sum() + _upstreamFailures + _clientGone,
        _classes[0], _classes[1], _classes[2], _classes[3], _classes[4],
        _upstreamFailures, _clientGone);
}
