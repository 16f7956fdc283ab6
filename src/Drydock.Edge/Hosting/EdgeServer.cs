using Drydock.Edge.Admin;
using Drydock.Edge.Proxy;
using Drydock.Edge.Routing;
using Drydock.Edge.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Drydock.Edge.Hosting;

/// <summary>
/// One edge: two web applications in one process sharing one route table. The public application has a single handler,
/// the forwarder, and no endpoints, so nothing sent to the public port (any path, method or Host header) can reach the
/// admin API: that lives in a separate application on a separate listener.
/// </summary>
public sealed class EdgeServer : IAsyncDisposable
{
    private readonly WebApplication _public;
    private readonly WebApplication _admin;
    private readonly IDisposable[] _owned;

    private EdgeServer(WebApplication publicApp, WebApplication adminApp, RouteTable routes, IDisposable[] owned)
    {
        _public = publicApp;
        _admin = adminApp;
        Routes = routes;
        _owned = owned;
    }

    public RouteTable Routes { get; }

    /// <summary>The public listener's address after start, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri PublicAddress => Address(_public);

    public Uri AdminAddress => Address(_admin);

    public static async Task<EdgeServer> StartAsync(EdgeOptions options, CancellationToken cancellationToken = default)
    {
        var store = new RouteStateStore(options.StateDirectory);
        RouteState? restored = null;
        string? unreadable = null;
        try
        {
            restored = store.Load();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Serve 503 and take a new route rather than crash-loop: the admin API can still repair it.
            unreadable = e.Message;
        }

        var routes = new RouteTable(store, TimeProvider.System, restored);
        var invoker = UpstreamInvoker.Create();
        var health = new UpstreamHealthCheck(options.UpstreamHealthTimeout);
        var publicApp = BuildPublic(options, routes, invoker);
        var adminApp = BuildAdmin(options, routes, health);
        var server = new EdgeServer(publicApp, adminApp, routes, [invoker, health]);
        try
        {
            // Public first: a restarted edge serves its restored route as soon as it can.
            await publicApp.StartAsync(cancellationToken);
            await adminApp.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var log = publicApp.Services.GetRequiredService<ILogger<EdgeServer>>();
        if (unreadable is not null)
            log.LogError("Starting without a route: the saved route table could not be read ({Problem}). PUT /routes sets a new one.", unreadable);
        else if (routes.Active is { } active)
            log.LogInformation("Restored route to {Upstream} ({Version}), generation {Generation}", active.Upstream.Prefix, active.Version, active.Generation);
        else
            log.LogInformation("No route yet: the public listener answers 503 until PUT /routes");
        log.LogInformation("Edge {Version} listening: public {Public}, admin {Admin} (admin access: {Access})",
            RouteViews.EdgeVersion, server.PublicAddress, server.AdminAddress,
            options.AdminAccess.AllowsAny ? "any" : "loopback and gateway " + string.Join(", ", options.AdminAccess.Gateways));
        return server;
    }

    /// <summary>Returns once either application is asked to stop (SIGTERM), after both have stopped, in-flight requests finished.</summary>
    public async Task RunUntilStoppedAsync()
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var publicStopping = _public.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        using var adminStopping = _admin.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task;
        await StopAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(_public.StopAsync(cancellationToken), _admin.StopAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _admin.DisposeAsync();
        await _public.DisposeAsync();
        foreach (var owned in _owned)
            owned.Dispose();
    }

    private static WebApplication BuildPublic(EdgeOptions options, RouteTable routes, HttpMessageInvoker invoker)
    {
        // No body size limit of its own: the app behind it decides what it accepts (Kestrel's default would cap uploads at 30 MB).
        var builder = CreateBuilder(options, options.PublicPort, kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(routes);
        builder.Services.AddSingleton(invoker);
        builder.Services.AddSingleton<PublicProxy>();
        var app = builder.Build();
        var proxy = app.Services.GetRequiredService<PublicProxy>();
        app.Run(proxy.HandleAsync);
        return app;
    }

    private static WebApplication BuildAdmin(EdgeOptions options, RouteTable routes, UpstreamHealthCheck health)
    {
        var builder = CreateBuilder(options, options.AdminPort, kestrel => kestrel.Limits.MaxRequestBodySize = 16 * 1024);
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(routes);
        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton<RouteSwitcher>();
        var app = builder.Build();
        var access = options.AdminAccess;
        app.Use(async (context, next) =>
        {
            var refusal = AdminAccessPolicy.IsForwarded(context.Request.Headers) ? "The edge's admin API is never served through a proxy."
                : !access.Allows(context.Connection.RemoteIpAddress) ? "The edge's admin API answers the host only (through its loopback-published port)."
                : null;
            if (refusal is null)
            {
                await next(context);
                return;
            }
            await Results.Problem(title: "Forbidden", detail: refusal, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        });
        app.UseStatusCodePages();
        app.MapAdminEndpoints();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(EdgeOptions options, int port, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> configure)
    {
        // No command-line arguments and no content root of interest: the edge is configured by EdgeOptions only.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Explicit listeners replace ASPNETCORE_HTTP_PORTS (which the base image sets to 8080); clear it so nothing warns about overriding it.
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.ListenAddress is { } address)
                kestrel.Listen(address, port);
            else
                kestrel.ListenAnyIP(port);
            kestrel.AddServerHeader = false;
            configure(kestrel);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (!options.HandleSignals)
            builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();

        builder.Logging.ClearProviders();
        if (options.ConfigureLogging is { } configureLogging)
        {
            configureLogging(builder.Logging);
        }
        else
        {
            // One JSON object per line on stdout, as the apps log; per-request logs off (they would double the proxy's work).
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        }
        return builder;
    }

    private static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The edge is not listening yet.");
        // Kestrel reports an any-address binding as http://[::]:port; loopback reaches it.
        return new Uri(first.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
