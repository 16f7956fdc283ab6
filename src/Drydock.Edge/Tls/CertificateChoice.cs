using Drydock.Edge.Routing;

namespace Drydock.Edge.Tls;

/// <summary>
/// Which certificate answers a TLS handshake: the one installed for the SNI name (case and a trailing dot ignored).
/// No SNI, or a name with no certificate, gets none (the handshake fails) rather than another host's certificate,
/// which would only be a name-mismatch error with someone else's name in it. Pure.
/// </summary>
public static class CertificateChoice
{
    public static T? Choose<T>(IReadOnlyDictionary<string, T> byName, string? serverName) where T : class =>
        HostMatcher.HostOf(serverName) is { } name && byName.TryGetValue(name, out var found) ? found : null;
}
