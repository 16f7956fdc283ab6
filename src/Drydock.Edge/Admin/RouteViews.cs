using System.Reflection;
using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Admin;

/// <summary>The admin answers, made from the route table.</summary>
public static class RouteViews
{
    public static string EdgeVersion { get; } =
        typeof(RouteViews).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static ActiveRouteView? Active(ActiveRoute? route) =>
        route is null ? null : new ActiveRouteView(route.Upstream.Prefix, route.Version, route.Since);

    public static RouteTableView Table(RouteTable routes)
    {
        var active = routes.Active;
        var upstreams = routes.Upstreams()
            .Select(u => new UpstreamView(u.Prefix, ReferenceEquals(u, active?.Upstream), u.InFlight, u.Served, u.Failed, ReferenceEquals(u, active?.Upstream) ? null : u.RetiredAt))
            .ToList();
        var candidate = routes.Candidate;
        return new RouteTableView(routes.Generation, Active(active), upstreams)
        {
            Candidate = candidate is null ? null : new CandidateRouteView(candidate.Upstream.Prefix, candidate.Version),
            Canary = routes.Canary?.View(),
        };
    }

    public static EdgeHealthView Health(RouteTable routes)
    {
        var active = routes.Active;
        return new EdgeHealthView("ok", EdgeVersion, active is not null, Active(active));
    }
}
