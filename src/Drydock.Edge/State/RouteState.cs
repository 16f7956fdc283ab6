using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.State;

/// <summary>What survives a restart of the edge: the active route, the canary beside it, and the generation. Counters do not (they describe one process).</summary>
public sealed record RouteState(string? Upstream, string? Version, DateTimeOffset? Since, long Generation)
{
    /// <summary>Bump when the file's meaning changes; a file of another format is not guessed at.</summary>
    public int Format { get; init; } = CurrentFormat;

    public const int CurrentFormat = 1;

    /// <summary>The canary split; null when none (and in files written before canaries existed).</summary>
    public CanaryView? Canary { get; init; }

    public static RouteState From(ActiveRoute route, Canary? canary) =>
        new(route.Upstream.Prefix, route.Version, route.Since, route.Generation) { Canary = canary?.View() };
}
