using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Metrics;

/// <summary><c>GET /metrics</c>, made from the route table's upstreams (active first, then replaced ones, newest first).</summary>
public static class MetricsViews
{
    public static EdgeMetricsView Read(RouteTable routes, TimeProvider time)
    {
        var active = routes.Active?.Upstream;
        var canary = routes.Canary;
        var upstreams = routes.Upstreams().Select(u =>
        {
            var (total, window, latency) = u.Traffic.Read();
            return new UpstreamMetricsView(u.Prefix, u.Version, ReferenceEquals(u, active), u.InFlight, total, window, latency)
            {
                CanaryShare = ReferenceEquals(u, canary?.Upstream) ? canary.Share : null,
            };
        }).ToList();
        return new EdgeMetricsView(time.GetUtcNow(), UpstreamTraffic.DefaultWindowSeconds, upstreams);
    }
}
