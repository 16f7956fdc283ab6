using Drydock.Edge.Admin;
using Drydock.Edge.Proxy;
using Drydock.Edge.State;
using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Routing;

/// <summary>Makes a <see cref="Service"/> around its slots: the switcher and the forwarder every service has, wired the same way.</summary>
public sealed class ServiceFactory(IHttpForwarder forwarder, HttpMessageInvoker invoker, UpstreamHealthCheck health, ILoggerFactory logs)
{
    public Service Create(ServiceKey key, TlsMode tls, RouteTable routes) =>
        new(key, tls, routes, new RouteSwitcher(routes, health, logs.CreateLogger<RouteSwitcher>()),
            new PublicProxy(routes, forwarder, invoker, logs.CreateLogger<PublicProxy>()));

    /// <summary>A service whose slots are saved in <paramref name="directory"/> (restored from <paramref name="restored"/>).</summary>
    public Service Create(ServiceKey key, TlsMode tls, string directory, RouteState? restored) =>
        Create(key, tls, new RouteTable(new RouteStateStore(directory), TimeProvider.System, restored));
}
