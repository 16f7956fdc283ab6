namespace Drydock.Edge.Contract;

/// <summary>
/// The body of <c>POST /upstreams/health</c>: check a candidate from the edge, over the network its traffic will take,
/// without switching to it. The edge answers 200 with an <see cref="UpstreamHealthView"/> whether or not it is healthy.
/// </summary>
/// <param name="Upstream">Scheme, host and port, as in <see cref="RouteChange.Upstream"/>.</param>
/// <param name="Path">The health path, e.g. <c>/health/ready</c>.</param>
public sealed record UpstreamHealthRequest(string Upstream, string Path);

/// <param name="Healthy">True when the path answered 2xx within the edge's health timeout (3 s).</param>
/// <param name="Answer">What came back, e.g. <c>HTTP 503 from http://…/health/ready</c> or the connection error.</param>
public sealed record UpstreamHealthView(string Upstream, string Path, bool Healthy, string Answer);
