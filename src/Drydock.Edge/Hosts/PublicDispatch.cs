using Drydock.Edge.Proxy;
using Drydock.Edge.Tls;

namespace Drydock.Edge.Hosts;

/// <summary>
/// The public listeners' one handler when the edge routes by host: ACME challenge answers first (plain HTTP, never
/// redirected or forwarded), then the HTTPS redirect for hosts with TLS, HSTS when opted in, then the matching host
/// route's forwarder. A request for no declared host goes to the edge's own single route, so an edge that declares no
/// host behaves exactly as before.
/// </summary>
public sealed class PublicDispatch(HostRoutes hosts, PublicProxy single, CertificateService? certificates, HttpsOptions? https)
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
        var hasTls = https is not null && hosts.HasTls(host);
        if (https is not null && HttpsRedirect.Location(request.IsHttps, hasTls, host, path, request.QueryString.Value, https.RedirectPort) is { } location)
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = location;
            return;
        }
        if (request.IsHttps && hasTls && https!.Hsts)
            context.Response.Headers.StrictTransportSecurity = $"max-age={(long)https.HstsMaxAge.TotalSeconds}";

        var route = hosts.Match(host, path);
        await (route?.Proxy ?? single).HandleAsync(context);
    }
}
