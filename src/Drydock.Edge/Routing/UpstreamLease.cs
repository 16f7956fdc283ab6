using System.Diagnostics;
using Drydock.Edge.Metrics;

namespace Drydock.Edge.Routing;

/// <summary>
/// One request's claim on an upstream: counted in flight from before the request is forwarded until its response has
/// been copied to the client, then counted by its outcome, with the time between as its latency. Dispose exactly once.
/// </summary>
public sealed class UpstreamLease(Upstream upstream) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _disposed;

    public Upstream Upstream { get; } = upstream;

    /// <summary>Set by the proxy when forwarding ended; a lease disposed without one (an exception) counts as abandoned.</summary>
    public RequestOutcome Outcome { get; set; } = new(OutcomeKind.ClientGone, 0);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            Upstream.Exit(Outcome, Stopwatch.GetElapsedTime(_started));
    }
}
