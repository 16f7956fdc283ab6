using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Proxy;

/// <summary>
/// YARP's default request copy, plus <c>X-Forwarded-For/Proto/Host</c> set (not appended) from this connection: the edge
/// is the first hop, so whatever a client claims in those headers is replaced rather than passed on. A large body is
/// announced with <c>Expect: 100-continue</c> (see <see cref="ExpectContinuePolicy"/>).
/// </summary>
public sealed class ForwardedHeadersTransformer : HttpTransformer
{
    public static readonly ForwardedHeadersTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        Set(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString());
        Set(proxyRequest, "X-Forwarded-Proto", httpContext.Request.Scheme);
        Set(proxyRequest, "X-Forwarded-Host", httpContext.Request.Host.HasValue ? httpContext.Request.Host.Value : null);
        var body = httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
        if (proxyRequest.Content is not null && ExpectContinuePolicy.AskFirst(httpContext.Request.ContentLength, body))
            proxyRequest.Headers.ExpectContinue = true;
    }

    private static void Set(HttpRequestMessage request, string name, string? value)
    {
        request.Headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
            request.Headers.TryAddWithoutValidation(name, value);
    }
}
