using Drydock.Edge.Contract;
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
            MaxRequestBodySize = environment(EdgeEnvironment.MaxRequestBodyBytes) is { Length: > 0 } body ? Number(body, EdgeEnvironment.MaxRequestBodyBytes) : null,
            RequestHeadersTimeout = environment(EdgeEnvironment.RequestHeadersTimeoutSeconds) is { Length: > 0 } h ? TimeSpan.FromSeconds(Number(h, EdgeEnvironment.RequestHeadersTimeoutSeconds)) : defaults.RequestHeadersTimeout,
            KeepAliveTimeout = environment(EdgeEnvironment.KeepAliveTimeoutSeconds) is { Length: > 0 } k ? TimeSpan.FromSeconds(Number(k, EdgeEnvironment.KeepAliveTimeoutSeconds)) : defaults.KeepAliveTimeout,
        };
    }

    private static long Number(string text, string name) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} must be a positive whole number, not '{text}'.");
}
