using Drydock.Edge.Client;

namespace Drydock.Deploy;

/// <summary>Between release containers and the edge's upstream addresses: <c>http://&lt;container&gt;:&lt;port&gt;</c> on the environment's network.</summary>
public static class EdgeRoutes
{
    public static string Upstream(string container, EnvironmentConfig config) => UpstreamAddress.ForContainer(container, config.ContainerPort);

    /// <summary>The container an upstream address names; null for none.</summary>
    public static string? Container(string? upstream) =>
        upstream is null ? null : Uri.TryCreate(upstream, UriKind.Absolute, out var uri) ? uri.Host : upstream;

    /// <summary>Whether a running container publishes the host port itself (a release from before the edge).</summary>
    public static bool HoldsPort(ContainerState container, int hostPort) =>
        container.Running && container.ActivePorts.Concat(container.PortBindings).Any(p => p.HostPort == hostPort);
}
