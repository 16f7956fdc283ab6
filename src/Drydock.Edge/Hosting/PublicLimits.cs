using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Drydock.Edge.Hosting;

/// <summary>
/// The public listeners' request limits. By default none on the body (the app behind decides what it accepts; Kestrel's
/// own default would cap uploads at 30 MB) and Kestrel's timeouts.
/// </summary>
public sealed record PublicLimits
{
    /// <summary>Larger request bodies get 413 from the edge; null: no limit of the edge's own.</summary>
    public long? MaxRequestBodySize { get; init; }

    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    public void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = MaxRequestBodySize;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
    }

    /// <summary><c>EDGE_MAX_REQUEST_BODY_BYTES</c>, <c>EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS</c>, <c>EDGE_KEEPALIVE_TIMEOUT_SECONDS</c>.</summary>
    public static PublicLimits FromEnvironment(Func<string, string?> environment)
    {
        var defaults = new PublicLimits();
        return new PublicLimits
        {
            MaxRequestBodySize = environment("EDGE_MAX_REQUEST_BODY_BYTES") is { Length: > 0 } body ? Number(body, "EDGE_MAX_REQUEST_BODY_BYTES") : null,
            RequestHeadersTimeout = environment("EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS") is { Length: > 0 } h ? TimeSpan.FromSeconds(Number(h, "EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS")) : defaults.RequestHeadersTimeout,
            KeepAliveTimeout = environment("EDGE_KEEPALIVE_TIMEOUT_SECONDS") is { Length: > 0 } k ? TimeSpan.FromSeconds(Number(k, "EDGE_KEEPALIVE_TIMEOUT_SECONDS")) : defaults.KeepAliveTimeout,
        };
    }

    private static long Number(string text, string name) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} must be a positive whole number, not '{text}'.");
}
