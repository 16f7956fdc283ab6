using Drydock.Edge.Admin;
using Drydock.Edge.Hosts;
using Drydock.Edge.Proxy;
using Drydock.Edge.Routing;
using Drydock.Edge.State;
using Drydock.Edge.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Drydock.Edge.Hosting;

/// <summary>
/// One edge: two web applications in one process sharing one <see cref="Routing.Router"/>. The public application has a
/// single handler, the dispatch to the services' forwarders, and no endpoints, so nothing sent to the public port (any
/// path, method or Host header) can reach the admin API: that lives in a separate application on separate listeners
/// (a unix socket, a TCP port, or both).
/// </summary>
public sealed class EdgeServer : IAsyncDisposable
{
    private readonly WebApplication _public;
    private readonly WebApplication _admin;
    private readonly IDisposable[] _owned;

    private EdgeServer(WebApplication publicApp, WebApplication adminApp, Router router, IDisposable[] owned)
    {
        _public = publicApp;
        _admin = adminApp;
        Router = router;
        _owned = owned;
    }

    public Router Router { get; }

    /// <summary>The public listener's address after start, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri PublicAddress => Address(_public);

    /// <summary>The admin port's address; throws when the edge runs without one (<see cref="EdgeOptions.AdminPort"/> null).</summary>
    public Uri AdminAddress => Address(_admin);

    /// <summary>The admin socket's path; null when the edge runs without one.</summary>
    public string? AdminSocketPath { get; private init; }

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
        if (routes.Active is null && unreadable is null && options.InitialRoute is { } initial)
            routes.Apply(new Uri(initial.Upstream), initial.Version);
        var invoker = UpstreamInvoker.Create(options.Connector);
        var health = new UpstreamHealthCheck(options.UpstreamHealthTimeout);
        var publicApp = BuildPublic(options, routes, invoker, health);
        var hosts = HostStartup.Prepare(publicApp.Services, options);
        var adminApp = BuildAdmin(options, health, hosts);
        var server = new EdgeServer(publicApp, adminApp, hosts.Router, [invoker, health]) { AdminSocketPath = options.AdminSocketPath };
        try
        {
            // Public first: a restarted edge serves its restored route as soon as it can.
            await publicApp.StartAsync(cancellationToken);
            if (options.AdminSocketPath is { } socket)
                AdminSocket.Prepare(socket);
            await adminApp.StartAsync(cancellationToken);
            if (options.AdminSocketPath is { } bound)
                AdminSocket.Restrict(bound);
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
        log.LogInformation("Edge {Version} listening: public {Public}, admin port {Admin}, admin socket {Socket} (admin port access: {Access})",
            RouteViews.EdgeVersion, server.PublicAddress, options.AdminPort is null ? "off" : server.AdminAddress, options.AdminSocketPath ?? "off",
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

    private static WebApplication BuildPublic(EdgeOptions options, RouteTable routes, HttpMessageInvoker invoker, UpstreamHealthCheck health)
    {
        var selector = options.Https is null ? null : new CertificateSelector();
        // One guard for both public listeners: a client's cap counts its HTTP and HTTPS connections together.
        var guard = new ConnectionGuard(options.Limits.MaxConnectionsPerClient, options.Limits.CapPrivateClients);
        var builder = CreateBuilder(options, kestrel =>
        {
            Listen(kestrel, options, options.PublicPort, guard);
            if (options.Https is { } https)
                HttpsListener.Listen(kestrel, options.ListenAddress, https.Port, selector!, guard);
            options.Limits.Apply(kestrel.Limits);
        });
        HostStartup.AddServices(builder.Services, options, routes, invoker, health, selector);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.Run(app.Services.GetRequiredService<PublicDispatch>().HandleAsync);
        return app;
    }

    private static WebApplication BuildAdmin(EdgeOptions options, UpstreamHealthCheck health, HostServices hosts)
    {
        if (options.AdminPort is null && options.AdminSocketPath is null)
            throw new ArgumentException("The edge needs an admin port or an admin socket: nothing could switch its route otherwise.", nameof(options));
        var builder = CreateBuilder(options, kestrel =>
        {
            if (options.AdminPort is { } port)
                Listen(kestrel, options, port);
            if (options.AdminSocketPath is { } socket)
                AdminSocket.Listen(kestrel, socket);
            kestrel.Limits.MaxRequestBodySize = AdminBodyLimit.Bytes;
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        // The admin API's routes, candidate and canary endpoints act on the host-less service; /hosts on the others.
        var service = hosts.Router.Default;
        builder.Services.AddSingleton(service.Routes);
        builder.Services.AddSingleton(service.Switcher);
        builder.Services.AddSingleton(health);
        builder.Services.AddSingleton(hosts);
        var app = builder.Build();
        var access = options.AdminAccess;
        app.Use(async (context, next) =>
        {
            // The socket's callers passed the file system's check (owner-only); the port's are checked by address.
            var viaSocket = context.Features.Get<AdminSocketConnection>() is not null;
            var refusal = AdminAccessPolicy.IsForwarded(context.Request.Headers) ? "The edge's admin API is never served through a proxy."
                : !viaSocket && !access.Allows(context.Connection.RemoteIpAddress) ? "The edge's admin API answers the host only (through its loopback-published port)."
                : null;
            if (refusal is null)
            {
                await next(context);
                return;
            }
            await Results.Problem(title: "Forbidden", detail: refusal, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        });
        app.Use(AdminBodyLimit.GuardAsync);
        app.UseStatusCodePages();
        app.MapAdminEndpoints();
        app.MapHostEndpoints();
        return app;
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, EdgeOptions options, int port, ConnectionGuard? guard = null)
    {
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure = listen =>
        {
            if (guard is not null)
                listen.Use(guard.Middleware);
        };
        if (options.ListenAddress is { } address)
            kestrel.Listen(address, port, configure);
        else
            kestrel.ListenAnyIP(port, configure);
    }

    private static WebApplicationBuilder CreateBuilder(EdgeOptions options, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> configure)
    {
        // No command-line arguments and no content root of interest: the edge is configured by EdgeOptions only.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Explicit listeners replace ASPNETCORE_HTTP_PORTS (which the base image sets to 8080); clear it so nothing warns about overriding it.
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
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
        var first = addresses.FirstOrDefault(a => !a.StartsWith("http://unix:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The edge is not listening on a port here (not yet, or its admin port is off).");
        // Kestrel reports an any-address binding as http://[::]:port; loopback reaches it.
        return new Uri(first.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}
