using Drydock.Acme;

namespace Drydock.Edge.Hosts;

/// <summary>
/// Which requests one host route takes: those for <see cref="Host"/> whose path is <see cref="PathPrefix"/> or below it
/// ("/" takes every path). The prefix is normalized to start with '/' and end without one (except "/" itself).
/// </summary>
public sealed record HostRouteKey
{
    public HostRouteKey(DnsName host, string? pathPrefix = null)
    {
        Host = host;
        PathPrefix = NormalizePrefix(pathPrefix);
    }

    public DnsName Host { get; }

    public string PathPrefix { get; }

    /// <summary>The host route's directory name under the state directory: the host, plus a readable prefix when there is one.</summary>
    public string DirectoryName => PathPrefix == "/" ? Host.Value : Host.Value + "~" + PathPrefix.Trim('/').Replace('/', '~');

    public override string ToString() => PathPrefix == "/" ? Host.Value : Host.Value + PathPrefix;

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
