namespace Drydock.Deploy;

/// <summary>
/// Whom to stop once a new release is routed to, and with which grace: the container the edge routed to before and any
/// other release still running (the serving one, when the edge routed elsewhere). The old upstream's in-flight requests
/// are waited for first; what is left of the drain timeout becomes the SIGTERM grace, so a drained release stops at once.
/// </summary>
/// <param name="Stop">Containers to stop (kept for rollback), the previously routed one first.</param>
/// <param name="DrainUpstream">The upstream whose in-flight requests to wait for; null when nothing was routed before.</param>
public sealed record RetirePlan(IReadOnlyList<string> Stop, string? DrainUpstream)
{
    public static readonly TimeSpan MinimumGrace = TimeSpan.FromSeconds(1);

    public bool NothingToDo => Stop.Count == 0;

    /// <param name="previousUpstream">The active upstream before the switch; null when the edge had no route.</param>
    /// <param name="serving">The release that served when the run read the environment.</param>
    /// <param name="released">The container just switched to: never stopped.</param>
    public static RetirePlan Decide(string? previousUpstream, ContainerState? serving, string released)
    {
        var stop = new List<string>();
        if (EdgeRoutes.Container(previousUpstream) is { } routed && !Same(routed, released))
            stop.Add(routed);
        if (serving is { Running: true } && !Same(serving.Name, released) && !stop.Any(s => Same(s, serving.Name)))
            stop.Add(serving.Name);
        return new RetirePlan(stop, stop.Count == 0 ? null : previousUpstream);
    }

    /// <summary>The SIGTERM grace after waiting <paramref name="waited"/> for the drain (null: the drain could not be followed).</summary>
    public static TimeSpan Grace(TimeSpan drainTimeout, TimeSpan? waited)
    {
        var left = drainTimeout - (waited ?? TimeSpan.Zero);
        return left > MinimumGrace ? left : MinimumGrace;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
