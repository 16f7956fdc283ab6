using Drydock.Acme;

namespace Drydock.Edge.Routing;

/// <summary>
/// Which requests one service takes: those for <see cref="Host"/> whose path is <see cref="PathPrefix"/> or below it
/// ("/" takes every path). <see cref="Default"/> has no host: it takes every request no declared host matches, the
/// whole traffic of a per-environment edge. The prefix is normalized to start with '/' and end without one (except "/").
/// </summary>
public sealed record ServiceKey
{
    public ServiceKey(DnsName host, string? pathPrefix = null)
    {
        Host = host;
        PathPrefix = NormalizePrefix(pathPrefix);
    }

    private ServiceKey()
    {
        PathPrefix = "/";
    }

    /// <summary>The host-less service.</summary>
    public static ServiceKey Default { get; } = new();

    /// <summary>Null for <see cref="Default"/> only.</summary>
    public DnsName? Host { get; }

    public string PathPrefix { get; }

    public bool IsDefault => Host is null;

    /// <summary>A host service's directory name under the state directory: the host, plus a readable prefix when there is one.</summary>
    public string DirectoryName => Host is not { } host
        ? throw new InvalidOperationException("The host-less service keeps its state in the state directory itself.")
        : PathPrefix == "/" ? host.Value : host.Value + "~" + PathPrefix.Trim('/').Replace('/', '~');

    public override string ToString() => Host is not { } host ? "" : PathPrefix == "/" ? host.Value : host.Value + PathPrefix;

    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim();
        if (trimmed.Length == 0 || trimmed == "/")
            return "/";
        if (!trimmed.StartsWith('/') || trimmed.Contains("..", StringComparison.Ordinal) || trimmed.Contains('~') || trimmed.Contains('?') || trimmed.Contains('#'))
            throw new ArgumentException($"The path prefix '{prefix}' is not a path: write it like /api (a leading '/', no '..', '~', '?' or '#').", nameof(prefix));
        return trimmed.TrimEnd('/');
    }
}
