namespace Drydock.Edge.Routing;

/// <summary>
/// One request's claim on an upstream: counted in flight from before the request is forwarded until its response has
/// been copied to the client. Dispose exactly once.
/// </summary>
public sealed class UpstreamLease(Upstream upstream) : IDisposable
{
    private int _disposed;

    public Upstream Upstream { get; } = upstream;

    /// <summary>Set when the forwarder reports an error, so the request counts as failed rather than served.</summary>
    public bool Failed { get; set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            Upstream.Exit(completed: !Failed);
    }
}
