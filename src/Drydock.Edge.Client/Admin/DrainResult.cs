namespace Drydock.Edge.Client;

/// <summary>How waiting for a replaced upstream's in-flight requests ended.</summary>
/// <param name="Drained">True when nothing was in flight any more; false when the timeout came first.</param>
/// <param name="InFlight">What was still in flight at the end (0 when drained).</param>
public sealed record DrainResult(string Upstream, bool Drained, long InFlight, TimeSpan Waited);
