namespace Drydock.Edge.Client;

/// <summary>Upstream addresses as the edge writes them: <c>http://host:port</c>, lower case, no trailing slash.</summary>
public static class UpstreamAddress
{
    /// <summary><c>http://notes-production-1.2.3-a1b2c3:8080</c>: a release container by its name on the environment's network.</summary>
    public static string ForContainer(string containerName, int containerPort = 8080) =>
        Normalize($"http://{containerName}:{containerPort}");

    public static string Normalize(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : address.TrimEnd('/').ToLowerInvariant();
}
