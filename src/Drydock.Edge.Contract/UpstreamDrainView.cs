namespace Drydock.Edge.Contract;

/// <summary>What <c>Drydock.Edge admin drain</c> prints: whether a replaced upstream has nothing in flight any more.</summary>
/// <param name="Drained">True once nothing was in flight (or the edge no longer tracks it); false when the timeout came first.</param>
/// <param name="InFlight">Still in flight at the end; 0 when drained.</param>
public sealed record UpstreamDrainView(string Upstream, bool Drained, long InFlight, double WaitedSeconds);
