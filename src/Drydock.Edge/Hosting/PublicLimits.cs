using Drydock.Edge.Contract;
using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Drydock.Edge.Hosting;

/// <summary>
/// The public listeners' request limits. By default none on the body (the app behind decides what it accepts; Kestrel's
/// own default would cap uploads at 30 MB). Timeouts and connection caps are tight enough that idle connections cannot
/// exhaust a small edge that every app behind it shares.
/// </summary>
public sealed record PublicLimits
{
    /// <summary>Larger request bodies get 413 from the edge; null: no limit of the edge's own.</summary>
    public long? MaxRequestBodySize { get; init; }

    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Above the 60 s idle timeout of .NET's and most load balancers' pools, so the client closes first, not mid-reuse.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Connections one client may hold open; one more is closed at once (<see cref="ConnectionGuard"/>).</summary>
    public int MaxConnectionsPerClient { get; init; } = 256;

    /// <summary>Whether clients on private networks are capped too; by default they count only toward <see cref="MaxConnections"/>.</summary>
    public bool CapPrivateClients { get; init; }

    /// <summary>Connections the public listeners hold open in all (Kestrel's <c>MaxConcurrentConnections</c>).</summary>
    public long MaxConnections { get; init; } = 4096;

    public void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxRequestBodySize;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MaxConcurrentConnections = MaxConnections;
        limits.MaxConcurrentUpgradedConnections = MaxConnections;
    }

    /// <summary><c>EDGE_MAX_REQUEST_BODY_BYTES</c>, <c>EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS</c>, <c>EDGE_KEEPALIVE_TIMEOUT_SECONDS</c>, <c>EDGE_MAX_CONNECTIONS_PER_CLIENT</c>, <c>EDGE_MAX_CONNECTIONS</c>.</summary>
    public static PublicLimits FromEnvironment(Func<string, string?> environment)
    {
        var defaults = new PublicLimits();
        return new PublicLimits
        {
            MaxRequestBodySize = environment(EdgeEnvironment.MaxRequestBodyBytes) is { Length: > 0 } body ? Number(body, EdgeEnvironment.MaxRequestBodyBytes) : null,
            RequestHeadersTimeout = environment(EdgeEnvironment.RequestHeadersTimeoutSeconds) is { Length: > 0 } h ? TimeSpan.FromSeconds(Number(h, EdgeEnvironment.RequestHeadersTimeoutSeconds)) : defaults.RequestHeadersTimeout,
            KeepAliveTimeout = environment(EdgeEnvironment.KeepAliveTimeoutSeconds) is { Length: > 0 } k ? TimeSpan.FromSeconds(Number(k, EdgeEnvironment.KeepAliveTimeoutSeconds)) : defaults.KeepAliveTimeout,
            MaxConnectionsPerClient = environment(EdgeEnvironment.MaxConnectionsPerClient) is { Length: > 0 } c ? (int)Math.Min(int.MaxValue, Number(c, EdgeEnvironment.MaxConnectionsPerClient)) : defaults.MaxConnectionsPerClient,
            MaxConnections = environment(EdgeEnvironment.MaxConnections) is { Length: > 0 } m ? Number(m, EdgeEnvironment.MaxConnections) : defaults.MaxConnections,
        };
    }

    private static long Number(string text, string name) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} must be a positive whole number, not '{text}'.");
}
