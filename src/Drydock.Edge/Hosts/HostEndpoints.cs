using System.Text.Json;
using Drydock.Acme;
using Drydock.Edge.Admin;
using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Hosts;

/// <summary>
/// The admin API of host routes: <c>GET /hosts</c>; <c>PUT /hosts/{host}</c> declares one (<see cref="HostDeclarationChange"/>);
/// <c>PUT /hosts/{host}/route[?pathPrefix=/p]</c> switches it (a <see cref="RouteChange"/>, generation-guarded per host);
/// <c>GET /hosts/{host}/routes[?pathPrefix=/p]</c> reads its table (in-flight counts for a drain);
/// <c>GET|POST /hosts/{host}/certificate</c> reads the certificate's status or issues one and waits for the outcome;
/// <c>PUT /hosts/{host}/certificate</c> serves the user's own files.
/// </summary>
public static class HostEndpoints
{
    public static IEndpointRouteBuilder MapHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(HostPaths.Hosts, (HostServices s) => TypedResults.Json(s.Router.Hosts.OrderBy(h => h.Key.ToString()).Select(h => View(h, s)).ToList(), EdgeJson.Options));
        app.MapPut(HostPaths.Hosts + "/{host}", DeclareAsync);
        app.MapPut(HostPaths.Hosts + "/{host}/route", SwitchAsync);
        app.MapGet(HostPaths.Hosts + "/{host}/routes", RoutesOf);
        app.MapGet(HostPaths.Hosts + "/{host}/certificate", (string host, HostServices s) =>
            Parse(host, out var name, out var bad) ? TypedResults.Json(s.CertificateStatus(name!) ?? CertificateStatusView.None(name!.Value), EdgeJson.Options) : bad!);
        app.MapPost(HostPaths.Hosts + "/{host}/certificate", IssueAsync);
        app.MapPut(HostPaths.Hosts + "/{host}/certificate", UseFilesAsync);
        return app;
    }

    private static async Task<IResult> DeclareAsync(string host, HttpContext context, HostServices s, CancellationToken ct)
    {
        if (!Parse(host, out var name, out var bad))
            return bad!;
        var change = await ReadAsync<HostDeclarationChange>(context, ct) ?? new HostDeclarationChange();
        if (!Enum.TryParse<TlsMode>(change.Tls ?? (s.Certificates is null ? "off" : "acme"), ignoreCase: true, out var tls) || !Enum.IsDefined(tls))
            return Problem(400, "Unknown TLS mode; nothing was changed.", $"tls must be acme, files or off, not '{change.Tls}'.");
        if (tls != TlsMode.Off && s.Certificates is null)
            return Problem(409, "This edge has no HTTPS listener; nothing was changed.", "Start the edge with EDGE_HTTPS_PORT (443) to serve TLS, or declare the host with tls off.");
        ServiceKey key;
        try
        {
            key = new ServiceKey(name!, change.PathPrefix);
        }
        catch (ArgumentException e)
        {
            return Problem(400, "The path prefix is invalid; nothing was changed.", e.Message);
        }
        var route = s.Router.Declare(key, tls);
        if (tls == TlsMode.Acme)
            s.Renewal?.IssueSoon(name!);
        return TypedResults.Json(View(route, s), EdgeJson.Options);
    }

    private static async Task<IResult> SwitchAsync(string host, string? pathPrefix, HttpContext context, HostServices s, ILogger<RouteSwitcher> log, CancellationToken ct)
    {
        if (!Parse(host, out var name, out var bad))
            return bad!;
        Service? route;
        try
        {
            route = s.Router.Find(new ServiceKey(name!, pathPrefix));
        }
        catch (ArgumentException e)
        {
            return Problem(400, "The path prefix is invalid; nothing was changed.", e.Message);
        }
        if (route is null)
            return Problem(404, "No such host route; nothing was changed.", $"{name!.Value}{pathPrefix} is not declared on this edge. Declare it first: PUT /hosts/{name.Value}.");
        var problems = RouteChangeValidator.Validate(await ReadAsync<RouteChange>(context, ct), out var valid);
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems, title: "The route is invalid; nothing was changed.");
        return await SwitchAnswer.SwitchAsync(route.Switcher, valid!, "The host's route changed meanwhile; nothing was changed.", log, ct);
    }

    /// <summary>The host route's table as <c>GET /routes</c> shows the single route: generation, active upstream, in-flight counts (for a drain).</summary>
    private static IResult RoutesOf(string host, string? pathPrefix, HostServices s)
    {
        if (!Parse(host, out var name, out var bad))
            return bad!;
        Service? route;
        try
        {
            route = s.Router.Find(new ServiceKey(name!, pathPrefix));
        }
        catch (ArgumentException e)
        {
            return Problem(400, "The path prefix is invalid.", e.Message);
        }
        return route is null
            ? Problem(404, "No such host route.", $"{name!.Value}{pathPrefix} is not declared on this edge.")
            : TypedResults.Json(RouteViews.Table(route.Routes), EdgeJson.Options);
    }

    private static async Task<IResult> IssueAsync(string host, HostServices s, CancellationToken ct)
    {
        if (!Parse(host, out var name, out var bad))
            return bad!;
        if (s.Certificates is null)
            return Problem(409, "This edge has no HTTPS listener.", "Start the edge with EDGE_HTTPS_PORT to issue certificates.");
        // The user's own certificate is never replaced by an ACME one behind their back: report it as it is.
        if (s.Router.Hosts.Any(h => h.Key.Host == name && h.Tls == TlsMode.Files))
            return TypedResults.Json(s.Certificates.Status(name!), EdgeJson.Options);
        try
        {
            return TypedResults.Json(await s.Certificates.EnsureAsync(name!, ct), EdgeJson.Options);
        }
        catch (AcmeException e)
        {
            var cause = e.Cause.ToString().ToLowerInvariant();
            return TypedResults.Problem(detail: e.Message, statusCode: 502, title: $"No certificate for {name!.Value} ({cause})",
                type: HostPaths.CertificateFailedType + cause, extensions: new Dictionary<string, object?> { ["cause"] = cause });
        }
    }

    private static async Task<IResult> UseFilesAsync(string host, HttpContext context, HostServices s, CancellationToken ct)
    {
        if (!Parse(host, out var name, out var bad))
            return bad!;
        if (s.Certificates is null)
            return Problem(409, "This edge has no HTTPS listener.", "Start the edge with EDGE_HTTPS_PORT to serve certificates.");
        if (await ReadAsync<CertificateFilesChange>(context, ct) is not { } files)
            return Problem(400, "No certificate given; nothing was changed.", "Send {\"certificatePem\": …, \"keyPem\": …}.");
        try
        {
            return TypedResults.Json(s.Certificates.UseFiles(name!, files.CertificatePem, files.KeyPem), EdgeJson.Options);
        }
        catch (ArgumentException e)
        {
            return Problem(400, "The certificate was not accepted; nothing was changed.", e.Message);
        }
    }

    private static HostView View(Service route, HostServices s) => new(
        route.Key.Host!.Value, route.Key.PathPrefix, route.Tls.ToString().ToLowerInvariant(), route.Routes.Generation, RouteViews.Active(route.Routes.Active),
        route.Tls == TlsMode.Off ? null : s.CertificateStatus(route.Key.Host!));

    private static bool Parse(string host, out DnsName? name, out IResult? bad)
    {
        bad = DnsName.TryParse(host, out name, out var error) ? null : Problem(400, "Not a host name; nothing was changed.", error);
        return bad is null;
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, CancellationToken ct) where T : class
    {
        if (context.Request.ContentLength is 0 || !context.Request.HasJsonContentType())
            return null;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, EdgeJson.Strict, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Problem(int status, string title, string detail, string? type = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);
}
