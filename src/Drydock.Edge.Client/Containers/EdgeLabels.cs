namespace Drydock.Edge.Client;

/// <summary>
/// Labels on the edge container, network and volume. The first three are the keys Drydock.Deploy's ReleaseLabels uses,
/// so filtering by app and environment finds the edge too; its role is <c>edge</c>.
/// </summary>
public static class EdgeLabels
{
    public const string App = "dev.drydock.app";
    public const string Environment = "dev.drydock.environment";
    public const string Role = "dev.drydock.role";
    public const string EdgeRole = "edge";

    /// <summary>A hash of the container's run settings: a running edge with another fingerprint was made from another spec.</summary>
    public const string Fingerprint = "dev.drydock.edge.fingerprint";

    public const string PublicPort = "dev.drydock.edge.public-port";

    public static IReadOnlyDictionary<string, string> Owner(string app, string environment) =>
        new Dictionary<string, string> { [App] = app, [Environment] = environment, [Role] = EdgeRole };
}
