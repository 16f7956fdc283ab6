using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Proxy;

/// <summary>
/// YARP's default request copy, plus <c>X-Forwarded-For/Proto/Host</c> set (not appended) from this connection: the edge
/// is the first hop, so every header a client could use to claim an earlier proxy (<c>Forwarded</c>, any
/// <c>X-Forwarded-*</c> or <c>X-Original-*</c>, <c>X-Real-IP</c> and the like) is dropped rather than passed on to an app
/// that may trust it. A large body is announced with <c>Expect: 100-continue</c> (see <see cref="ExpectContinuePolicy"/>).
/// </summary>
public sealed class ForwardedHeadersTransformer : HttpTransformer
{
    public static readonly ForwardedHeadersTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var claimed in proxyRequest.Headers.Select(h => h.Key).Where(IsProxyClaim).ToList())
            proxyRequest.Headers.Remove(claimed);
        Set(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString());
        Set(proxyRequest, "X-Forwarded-Proto", httpContext.Request.Scheme);
        Set(proxyRequest, "X-Forwarded-Host", httpContext.Request.Host.HasValue ? httpContext.Request.Host.Value : null);
        var body = httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
        if (proxyRequest.Content is not null && ExpectContinuePolicy.AskFirst(httpContext.Request.ContentLength, body))
            proxyRequest.Headers.ExpectContinue = true;
    }

    /// <summary>Whether a request header is one a proxy sets about the client: only the edge may set those.</summary>
    public static bool IsProxyClaim(string name) =>
        name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase)
        || ClientAddressHeaders.Contains(name);

    private static readonly HashSet<string> ClientAddressHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "X-Cluster-Client-IP", "CF-Connecting-IP",
    };

    private static void Set(HttpRequestMessage request, string name, string? value)
    {
        request.Headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
            request.Headers.TryAddWithoutValidation(name, value);
    }
}
