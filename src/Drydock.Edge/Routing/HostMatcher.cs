namespace Drydock.Edge.Routing;

/// <summary>
/// Which host service a request belongs to: the Host header's name (port dropped, case and a trailing dot
/// ignored) must equal the route's host, and the path must be the prefix or continue it at a '/' boundary
/// (/api matches /api and /api/x, not /apix). The longest matching prefix wins. Pure.
/// </summary>
public static class HostMatcher
{
    public static ServiceKey? Match(IEnumerable<ServiceKey> routes, string? requestHost, string? path)
    {
        var host = HostOf(requestHost);
        if (host is null)
            return null;
        var requestPath = string.IsNullOrEmpty(path) ? "/" : path;
        return routes
            .Where(r => r.Host?.Value == host && Covers(r.PathPrefix, requestPath))
            .OrderByDescending(r => r.PathPrefix.Length)
            .FirstOrDefault();
    }

    /// <summary>The name of a Host header value (<c>Notes.Example.org.:443</c> → <c>notes.example.org</c>); null when empty.</summary>
    public static string? HostOf(string? requestHost)
    {
        if (string.IsNullOrWhiteSpace(requestHost))
            return null;
        var text = requestHost.Trim();
        if (text.StartsWith('['))
            return text; // an IPv6 literal never names a declared host
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
            text = text[..colon];
        return text.TrimEnd('.').ToLowerInvariant();
    }

    private static bool Covers(string prefix, string path) =>
        prefix == "/" || path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');
}
