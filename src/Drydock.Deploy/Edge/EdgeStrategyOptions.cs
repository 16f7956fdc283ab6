namespace Drydock.Deploy;

/// <summary>What the edge strategy needs beyond the engine: where the edge image is built from, and how patient to be with a new edge.</summary>
/// <param name="RepositoryRoot">A Drydock checkout: the edge image is built from its <c>src/Drydock.Edge</c> when the engine lacks it.</param>
public sealed record EdgeStrategyOptions(string RepositoryRoot)
{
    /// <summary>Scratch space for building the edge image; default <c>&lt;root&gt;/.nuke/temp</c>.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>
    /// The base image the apps use. Null: an edge image already built from these sources is reused whatever its base
    /// (one <c>docker image ls</c>, so a deploy that changes nothing stays fast); the base is resolved only to build one.
    /// </summary>
    public string? BaseImage { get; init; }

    /// <summary>How long a created or started edge may take to answer its admin API.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Replace a running edge made from other settings (new edge image, port, bind). Off by default: that closes the
    /// port for about a second, so it is a deliberate upgrade, never a side effect of a deploy.
    /// </summary>
    public bool RecreateOutdatedEdge { get; init; }

    /// <summary>How often the edge is asked again to check a starting release's health path.</summary>
    public TimeSpan SwitchRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the host-wide edge checks its certificates for renewal; null: the edge's default (hourly). Short in tests of renewal.</summary>
    public TimeSpan? HostEdgeRenewalCheck { get; init; }

    /// <summary>The host-wide edge's container (its network has the same name); one per engine. Tests use their own.</summary>
    public string HostEdgeName { get; init; } = HostEdgeSpec.DefaultName;
}
