namespace Drydock.Deploy;

/// <summary>
/// Labels on the edge container, network and volume: the environment's owner labels (<see cref="ReleaseLabels.Owner(EnvironmentId, string)"/>),
/// so the environment's listing finds the edge too, with the role <c>edge</c>; and the edge's own.
/// </summary>
public static class EdgeLabels
{
    public const string EdgeRole = "edge";

    /// <summary>A hash of the container's run settings: a running edge with another fingerprint was made from another spec.</summary>
    public const string Fingerprint = "dev.drydock.edge.fingerprint";

    public const string PublicPort = "dev.drydock.edge.public-port";

    public static IReadOnlyDictionary<string, string> Owner(EnvironmentId environment) => ReleaseLabels.Owner(environment, EdgeRole);
}
