namespace Drydock.Deploy;

/// <summary>
/// Where the nodes pull a release from. The runner pushes through one address (<c>127.0.0.1:5443/notes</c>); the nodes
/// may reach the same registry by another name (<c>"registryPull": "registry.internal:5000"</c>). A registry on the
/// runner's loopback that no pull address replaces is refused before anything changes: no worker could pull from it.
/// </summary>
public static class RegistryReach
{
    /// <summary>The repository as the nodes name it, or the refusal naming the fix.</summary>
    public static (string? Repository, string? Refusal) PullRepository(string repository, string? registryPull)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var registry = slash > 0 ? repository[..slash] : null;
        // docker's rule: the first part is a registry when it has a dot, a colon or is localhost.
        var hasRegistry = registry is not null && (registry.Contains('.', StringComparison.Ordinal) || registry.Contains(':', StringComparison.Ordinal) || registry == "localhost");
        var path = hasRegistry ? repository[(slash + 1)..] : repository;
        if (registryPull is { } pull)
            return ($"{pull.Trim().TrimEnd('/')}/{path}", null);
        if (hasRegistry && IsLoopback(registry!))
            return (null,
                $"A swarm environment needs a registry every node reaches, and {registry} is this runner's own loopback (the embedded registry cannot serve the other nodes). " +
                "Push to a registry the nodes reach with --registry <host:port> (with --registry-username/DRYDOCK_REGISTRY_PASSWORD when it needs a login; the nodes get the credentials through --with-registry-auth), " +
                "and when the nodes know it by another name than the runner, add \"registryPull\": \"<name:port>\" to the environment. Nothing was changed.");
        return (repository, null);
    }

    private static bool IsLoopback(string registry) =>
        Drydock.Registry.RegistryHttp.IsLoopback(registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)] : registry.Split(':')[0]);
}
