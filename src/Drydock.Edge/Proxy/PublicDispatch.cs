using Drydock.Edge.Routing;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Proxy;

/// <summary>
/// The public listeners' one handler: ACME challenge answers first (plain HTTP, never redirected or forwarded), then
/// the HTTPS redirect for hosts with TLS, HSTS when opted in, then the forwarder of the service the router resolves
/// (the host-less service for a request no declared host matches, so an edge that declares no host serves it all).
/// </summary>
public sealed class PublicDispatch(Router router, CertificateService? certificates, HttpsOptions? https)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!request.IsHttps && certificates is not null && Drydock.Acme.Http01Challenge.TokenOf(path) is not null)
        {
            if (certificates.Challenges.Answer(path) is { } answer)
            {
                context.Response.ContentType = "application/octet-stream";
                await context.Response.WriteAsync(answer);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }

        var host = request.Host.Value ?? string.Empty;
        var hasTls = https is not null && router.HasTls(host);
        if (https is not null && HttpsRedirect.Location(request.IsHttps, hasTls, host, path, request.QueryString.Value, https.RedirectPort) is { } location)
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = location;
            return;
        }
        if (request.IsHttps && hasTls && https!.Hsts)
            context.Response.Headers.StrictTransportSecurity = $"max-age={(long)https.HstsMaxAge.TotalSeconds}";

        await router.Resolve(host, path).Proxy.HandleAsync(context);
    }
}
