using Drydock.Edge.Contract;
using Drydock.Edge.Metrics;
using Drydock.Edge.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Proxy;

/// <summary>
/// The public listener's only handler: every request, whatever its method, path or Host header, is forwarded to the
/// active upstream (YARP direct forwarding). No retries: a request the upstream refused or dropped is a 502 and is
/// counted as failed, because a zero is only worth publishing if nothing is hidden behind it. Whatever the upstream
/// answered (a 413 included) is passed on and counted by its status class (<see cref="RequestOutcome"/>). A request
/// carrying the candidate header with the current token goes to the candidate instead (<see cref="Candidate"/>); with a
/// canary, its share of the others go to it, each client kept on its side by the canary cookie (<see cref="CanaryAssignment"/>).
/// Every forwarded request is one access line (method, path, status, the release's version, duration; the JSON logger's
/// timestamp is the time), what <c>./build.sh Logs --edge</c> shows.
/// </summary>
public sealed class PublicProxy(RouteTable routes, IHttpForwarder forwarder, HttpMessageInvoker invoker, ILogger<PublicProxy> log)
{
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(100),
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var pin = context.Request.Headers[AdminPaths.CandidateHeader].ToString();
        // The header is the build's; it never reaches an upstream.
        context.Request.Headers.Remove(AdminPaths.CandidateHeader);
        string? setCookie = null;
        using var lease = pin.Length > 0 ? routes.TryLeaseCandidate(pin) : routes.TryLease(context.Request.Cookies[AdminPaths.CanaryCookie], Random.Shared.Next, out setCookie);
        if (setCookie is not null)
            // After the upstream's headers are copied, so its own cookies stay as they are.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, setCookie);
                return Task.CompletedTask;
            });
        if (lease is null && pin.Length > 0)
        {
            // Not silently the active release: a smoke test with a stale token must fail, not pass against the old version.
            await Results.Problem(
                title: "No such candidate",
                detail: $"The {AdminPaths.CandidateHeader} token is not the edge's current candidate (it was replaced or cleared).",
                statusCode: StatusCodes.Status421MisdirectedRequest,
                type: AdminPaths.NoSuchCandidateType).ExecuteAsync(context);
            return;
        }
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(
                title: "No route",
                detail: "This edge has no upstream yet: no release has been switched to.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var error = await forwarder.SendAsync(context, lease.Upstream.Prefix, invoker, RequestConfig, ForwardedHeadersTransformer.Instance);
        lease.Outcome = RequestOutcome.Classify(error, context.Response.HasStarted, context.Response.StatusCode);
        // The path only: a query string may carry a token.
        log.LogInformation(AccessLine.Template, context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
            lease.Upstream.Version ?? lease.Upstream.Prefix, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        switch (lease.Outcome.Kind)
        {
            case OutcomeKind.ClientGone:
                // The client went away or was too slow: not the upstream's failure, and nothing the edge can answer any more.
                log.LogDebug("Client ended {Method} {Path} early: {Error}", context.Request.Method, context.Request.Path, error);
                break;
            case OutcomeKind.UpstreamFailed:
                log.LogWarning("Forwarding {Method} {Path} to {Upstream} failed: {Error} ({Reason})",
                    context.Request.Method, context.Request.Path, lease.Upstream.Prefix, error, context.GetForwarderErrorFeature()?.Exception?.Message);
                break;
            case OutcomeKind.Answered when error != ForwarderError.None:
                log.LogDebug("{Upstream} answered {Method} {Path} with {Status} before taking the whole body: {Error}",
                    lease.Upstream.Prefix, context.Request.Method, context.Request.Path, context.Response.StatusCode, error);
                break;
        }
    }
}
