using Drydock.Edge.Routing;

namespace Drydock.Edge.State;

/// <summary>What survives a restart of the edge: the active route and the generation. Counters do not (they describe one process).</summary>
public sealed record RouteState(string? Upstream, string? Version, DateTimeOffset? Since, long Generation)
{
    /// <summary>Bump when the file's meaning changes; a file of another format is not guessed at.</summary>
    public int Format { get; init; } = CurrentFormat;

    public const int CurrentFormat = 1;

    public static RouteState From(ActiveRoute route) =>
        new(route.Upstream.Prefix, route.Version, route.Since, route.Generation);
}
