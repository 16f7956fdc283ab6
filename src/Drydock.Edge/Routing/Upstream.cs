using Drydock.Edge.Metrics;

namespace Drydock.Edge.Routing;

/// <summary>
/// One upstream address and its traffic counters. The object lives as long as the edge tracks the address, so a
/// rollback to an upstream that is still draining keeps counting on the same counters.
/// </summary>
public sealed class Upstream(Uri address, TimeProvider time)
{
    private string? _version;
    private long _inFlight;
    private long _served;
    private long _failed;
    private long _retiredAtTicks;

    public Uri Address { get; } = address;

    /// <summary>The address as the forwarder wants it: <c>http://host:port</c> without a trailing slash.</summary>
    public string Prefix { get; } = address.GetLeftPart(UriPartial.Authority);

    /// <summary>Outcomes by status class and latency, in total and over the sliding window (<c>GET /metrics</c>).</summary>
    public UpstreamTraffic Traffic { get; } = new(time);

    /// <summary>The version it was last switched to as; set by every switch to it and by a restored route.</summary>
    public string? Version
    {
        get => Volatile.Read(ref _version);
        internal set => Volatile.Write(ref _version, value);
    }

    public long InFlight => Volatile.Read(ref _inFlight);

    public long Served => Volatile.Read(ref _served);

    public long Failed => Volatile.Read(ref _failed);

    /// <summary>When it stopped being the active upstream; null while active (or never replaced).</summary>
    public DateTimeOffset? RetiredAt
    {
        get
        {
            var ticks = Volatile.Read(ref _retiredAtTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        internal set => Volatile.Write(ref _retiredAtTicks, value?.UtcTicks ?? 0);
    }

    // Interlocked operations are full fences: together with the swap in RouteTable they make the drain count exact.
    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Exit(RequestOutcome outcome, TimeSpan latency)
    {
        Traffic.Record(outcome, latency);
        Interlocked.Increment(ref outcome.Kind == OutcomeKind.UpstreamFailed ? ref _failed : ref _served);
        Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>Undoes an <see cref="Enter"/> for a request that was never forwarded here (the route changed first).</summary>
    internal void Abandon() => Interlocked.Decrement(ref _inFlight);

    public static string Key(Uri address) => address.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
