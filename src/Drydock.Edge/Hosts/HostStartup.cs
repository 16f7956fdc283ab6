using Drydock.Acme;
using Drydock.Edge.Admin;
using Drydock.Edge.Hosting;
using Drydock.Edge.Proxy;
using Drydock.Edge.Routing;
using Drydock.Edge.Tls;
using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Hosts;

/// <summary>Wires the router, host services and certificates into the public application (kept out of <see cref="EdgeServer"/>).</summary>
public static class HostStartup
{
    public static void AddServices(IServiceCollection services, EdgeOptions options, RouteTable defaultRoutes, HttpMessageInvoker invoker, UpstreamHealthCheck health, CertificateSelector? selector)
    {
        services.AddSingleton(sp => new Router(options.StateDirectory, defaultRoutes,
            new ServiceFactory(sp.GetRequiredService<IHttpForwarder>(), invoker, health, sp.GetRequiredService<ILoggerFactory>())));
        if (options.Https is { } https)
        {
            services.AddSingleton(https);
            services.AddSingleton(selector!);
            services.AddSingleton(new CertificateStore(Path.Combine(options.StateDirectory, "tls")));
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<CertificateService>();
            services.AddSingleton(sp => new RenewalLoop(
                () => sp.GetRequiredService<Router>().Hosts.Where(h => h.Tls == TlsMode.Acme).Select(h => h.Key.Host!),
                sp.GetRequiredService<CertificateService>().EnsureAsync, https.RenewalCheckInterval, TimeProvider.System,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<RenewalLoop>()));
        }
        services.AddSingleton(sp => new HostServices(sp.GetRequiredService<Router>(), sp.GetService<CertificateService>(), sp.GetService<RenewalLoop>()));
        services.AddSingleton(sp => new PublicDispatch(sp.GetRequiredService<Router>(), sp.GetService<CertificateService>(), options.Https));
    }

    /// <summary>Restores saved host services, serves their stored certificates and starts renewal, before the listeners start.</summary>
    public static HostServices Prepare(IServiceProvider services, EdgeOptions options)
    {
        var hosts = services.GetRequiredService<HostServices>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Drydock.Edge.Hosts");
        foreach (var problem in hosts.Router.Restore())
            log.LogError("A saved host route could not be read and is not served: {Problem}. PUT /hosts/{{host}} declares it again.", problem);
        hosts.Certificates?.LoadStored(hosts.Router.Hosts.Where(h => h.Tls != TlsMode.Off).Select(h => h.Key.Host!));
        // Issuance needs the HTTP listener up (the CA fetches the challenge from it): the first check runs once it has started.
        if (hosts.Renewal is { } renewal)
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(renewal.Start);
        return hosts;
    }
}
