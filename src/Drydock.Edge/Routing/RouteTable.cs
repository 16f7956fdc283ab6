using Drydock.Edge.Contract;
using Drydock.Edge.State;

namespace Drydock.Edge.Routing;

/// <summary>
/// The environment's one route and the upstreams it has pointed at. New requests lease the active upstream
/// (<see cref="TryLease"/>); a switch persists the new route, then swaps it in with one atomic exchange. A request that
/// read the old route but had not yet counted itself there sees the swap and moves on to the new upstream before
/// anything is sent, so once a replaced upstream's in-flight count reads zero after a switch, nothing reaches it again.
/// A canary (<see cref="SetCanary"/>) takes its share of new requests beside the active route until it is cleared or
/// promoted (a switch to its upstream).
/// </summary>
public sealed class RouteTable
{
    /// <summary>How long a replaced upstream with nothing in flight stays listed (and keeps its counters) in <c>GET /routes</c>.</summary>
    public static readonly TimeSpan RetiredRetention = TimeSpan.FromMinutes(10);

    private const int MaxTracked = 16;

    private readonly RouteStateStore _store;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<string, Upstream> _upstreams = new(StringComparer.Ordinal);
    private ActiveRoute? _active;
    private Candidate? _candidate;
    private Canary? _canary;
    private long _generation;

    public RouteTable(RouteStateStore store, TimeProvider time, RouteState? restored = null)
    {
        _store = store;
        _time = time;
        if (restored is null)
            return;
        _generation = restored.Generation;
        if (restored.Upstream is { } address && restored.Version is { } version)
        {
            var upstream = Track(new Uri(address));
            upstream.Version = version;
            _active = new ActiveRoute(upstream, version, restored.Since ?? time.GetUtcNow(), restored.Generation);
            if (restored.Canary is { } canary && Uri.TryCreate(canary.Upstream, UriKind.Absolute, out var canaryAddress))
            {
                var canaryUpstream = Track(canaryAddress);
                canaryUpstream.Version = canary.Version;
                _canary = new Canary(canaryUpstream, canary.Version, canary.Share, canary.Key);
            }
        }
    }

    public ActiveRoute? Active => Volatile.Read(ref _active);

    public long Generation => Interlocked.Read(ref _generation);

    public Candidate? Candidate => Volatile.Read(ref _candidate);

    public Canary? Canary => Volatile.Read(ref _canary);

    /// <summary>
    /// The active route, or the canary for the requests its share deals to it (sticky by <paramref name="canaryCookie"/>);
    /// <paramref name="setCookie"/> is the cookie to send when the client was dealt a bucket now.
    /// </summary>
    public UpstreamLease? TryLease(string? canaryCookie, Func<int, int> random, out string? setCookie)
    {
        setCookie = null;
        var canary = Volatile.Read(ref _canary);
        if (canary is null)
            return TryLease();
        var assignment = CanaryAssignment.Choose(canaryCookie, canary.Key, canary.Share, random, _store.CanarySeal);
        setCookie = assignment.SetCookie;
        if (!assignment.ToCanary)
            return TryLease();
        canary.Upstream.Enter();
        // As for the active route: counted first, then checked, so the drain after clearing the canary is exact.
        if (ReferenceEquals(Volatile.Read(ref _canary), canary))
            return new UpstreamLease(canary.Upstream);
        canary.Upstream.Abandon();
        return TryLease();
    }

    /// <summary>Counts the request in flight on the active upstream; null when there is no route yet.</summary>
    public UpstreamLease? TryLease()
    {
        while (true)
        {
            var route = Volatile.Read(ref _active);
            if (route is null)
                return null;
            route.Upstream.Enter();
            // Counted first, then checked: a switch that happened in between is seen here (Interlocked is a full fence),
            // and a drain that read zero before the Enter happened after the swap, so this check sees the new route.
            if (ReferenceEquals(Volatile.Read(ref _active)?.Upstream, route.Upstream))
                return new UpstreamLease(route.Upstream);
            route.Upstream.Abandon();
        }
    }

    /// <summary>Counts the request in flight on the candidate whose token it carries; null when there is no such candidate.</summary>
    public UpstreamLease? TryLeaseCandidate(string token)
    {
        var candidate = Volatile.Read(ref _candidate);
        if (candidate is null || !candidate.Matches(token))
            return null;
        candidate.Upstream.Enter();
        // As for the active route: counted first, then checked, so a drain that follows clearing the candidate is exact.
        if (ReferenceEquals(Volatile.Read(ref _candidate), candidate))
            return new UpstreamLease(candidate.Upstream);
        candidate.Upstream.Abandon();
        return null;
    }

    /// <summary>Makes <paramref name="address"/> the candidate (replacing any other) with a new token. The route is unchanged.</summary>
    public Candidate SetCandidate(Uri address, string version)
    {
        lock (_gate)
        {
            var upstream = Track(address);
            upstream.Version ??= version;
            var candidate = Candidate.Create(upstream, version);
            Volatile.Write(ref _candidate, candidate);
            Prune(_time.GetUtcNow());
            return candidate;
        }
    }

    /// <summary>Ends pinning: requests with the old token are refused from now on. False when there was no candidate.</summary>
    public bool ClearCandidate()
    {
        lock (_gate)
        {
            var cleared = Interlocked.Exchange(ref _candidate, null);
            // Listed (and counted) like a replaced upstream from now on, so it is pruned in time like one.
            if (cleared is not null && !ReferenceEquals(cleared.Upstream, _active?.Upstream))
                cleared.Upstream.RetiredAt ??= _time.GetUtcNow();
            return cleared is not null;
        }
    }

    /// <summary>
    /// Gives <paramref name="address"/> <paramref name="share"/> of new requests beside the active route (replacing any
    /// other canary, with a new key). Persists first. Null when there is no active route to split from.
    /// </summary>
    public Canary? SetCanary(Uri address, string version, CanaryShare share)
    {
        lock (_gate)
        {
            if (_active is not { } active)
                return null;
            var key = Upstream.Key(address);
            var upstream = _upstreams.GetValueOrDefault(key) ?? new Upstream(new Uri(Normalize(address)), _time);
            var canary = Canary.Create(upstream, version, share);
            _store.Save(RouteState.From(active, canary));
            _upstreams[key] = upstream;
            upstream.RetiredAt = null;
            upstream.Version = version;
            RetireCanary(Interlocked.Exchange(ref _canary, canary), active.Upstream);
            Prune(_time.GetUtcNow());
            return canary;
        }
    }

    /// <summary>Ends the split: every new request takes the active route. Persists first. False when there was no canary.</summary>
    public bool ClearCanary()
    {
        lock (_gate)
        {
            if (_canary is null)
                return false;
            if (_active is { } active)
                _store.Save(RouteState.From(active, null));
            RetireCanary(Interlocked.Exchange(ref _canary, null), _active?.Upstream);
            return true;
        }
    }

    private void RetireCanary(Canary? replaced, Upstream? active)
    {
        // Listed (and counted) like a replaced upstream from now on, so a drain can follow it and it is pruned in time.
        if (replaced is not null && !ReferenceEquals(replaced.Upstream, active) && !ReferenceEquals(replaced.Upstream, _canary?.Upstream))
            replaced.Upstream.RetiredAt ??= _time.GetUtcNow();
    }

    /// <summary>
    /// Makes <paramref name="address"/> the active upstream. Persists first: when the state file cannot be written the
    /// route is unchanged and the exception propagates. Asking for the route that is already active changes nothing.
    /// Switching to the canary's upstream promotes it: the split ends. Callers serialize switches (see <c>RouteSwitcher</c>).
    /// </summary>
    public RouteSwitch Apply(Uri address, string version)
    {
        lock (_gate)
        {
            var previous = _active;
            if (previous is not null && previous.Upstream.Prefix == Normalize(address) && previous.Version == version)
                return new RouteSwitch(false, previous, previous);

            var now = _time.GetUtcNow();
            var key = Upstream.Key(address);
            var upstream = _upstreams.GetValueOrDefault(key) ?? new Upstream(new Uri(Normalize(address)), _time);
            var next = new ActiveRoute(upstream, version, now, _generation + 1);
            var canary = ReferenceEquals(_canary?.Upstream, upstream) ? null : _canary;
            _store.Save(RouteState.From(next, canary));
            _upstreams[key] = upstream;
            Interlocked.Exchange(ref _active, next);
            Volatile.Write(ref _canary, canary);
            Interlocked.Exchange(ref _generation, next.Generation);
            upstream.RetiredAt = null;
            upstream.Version = version;
            if (previous is not null && !ReferenceEquals(previous.Upstream, upstream))
                previous.Upstream.RetiredAt = now;
            Prune(now);
            return new RouteSwitch(true, next, previous);
        }
    }

    /// <summary>The active upstream first, then the canary, then replaced ones, newest first.</summary>
    public IReadOnlyList<Upstream> Upstreams()
    {
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            var active = _active?.Upstream;
            var canary = _canary?.Upstream;
            return [.. _upstreams.Values.OrderByDescending(u => ReferenceEquals(u, active)).ThenByDescending(u => ReferenceEquals(u, canary)).ThenByDescending(u => u.RetiredAt)];
        }
    }

    private Upstream Track(Uri address)
    {
        var key = Upstream.Key(address);
        if (!_upstreams.TryGetValue(key, out var upstream))
            _upstreams[key] = upstream = new Upstream(new Uri(Normalize(address)), _time);
        return upstream;
    }

    private void Prune(DateTimeOffset now)
    {
        var active = _active?.Upstream;
        var candidate = _candidate?.Upstream;
        var canary = _canary?.Upstream;
        var retired = _upstreams.Values.Where(u => !ReferenceEquals(u, active) && !ReferenceEquals(u, candidate) && !ReferenceEquals(u, canary)).OrderByDescending(u => u.RetiredAt).ToList();
        var stale = retired.Where((u, index) => u.InFlight == 0 && (now - u.RetiredAt > RetiredRetention || index >= MaxTracked - 1));
        foreach (var upstream in stale.ToList())
            _upstreams.Remove(Upstream.Key(upstream.Address));
    }

    private static string Normalize(Uri address) => address.GetLeftPart(UriPartial.Authority);
}

/// <summary>The outcome of <see cref="RouteTable.Apply"/>.</summary>
public sealed record RouteSwitch(bool Changed, ActiveRoute Active, ActiveRoute? Previous);
