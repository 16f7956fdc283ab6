using Drydock.Acme;

namespace Drydock.Edge.Tls;

/// <summary>
/// Whether a plain-HTTP request is redirected to HTTPS, and where: only for a host that has TLS, never for the ACME
/// challenge path (the CA validates over HTTP and must get the answer there). 308 keeps the method and body. Pure.
/// </summary>
public static class HttpsRedirect
{
    public static string? Location(bool isHttps, bool hostHasTls, string host, string path, string? query, int httpsPort)
    {
        if (isHttps || !hostHasTls || path.StartsWith(Http01Challenge.PathPrefix, StringComparison.Ordinal))
            return null;
        var name = Routing.HostMatcher.HostOf(host);
        if (name is null)
            return null;
        var authority = httpsPort == 443 ? name : $"{name}:{httpsPort}";
        return $"https://{authority}{(string.IsNullOrEmpty(path) ? "/" : path)}{query}";
    }
}
