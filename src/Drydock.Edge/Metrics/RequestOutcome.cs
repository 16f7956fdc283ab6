using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Metrics;

/// <summary>What became of one forwarded request, as far as the upstream is concerned.</summary>
public enum OutcomeKind
{
    /// <summary>The upstream answered and its response reached the client: counted by status class, whatever the status.</summary>
    Answered,

    /// <summary>No (complete) response from the upstream: refused, reset, timed out, or cut mid-body. The client got a 502/504 or a cut response.</summary>
    UpstreamFailed,

    /// <summary>The client went away or was too slow: neither an answer nor the upstream's failure.</summary>
    ClientGone,
}

/// <param name="Status">The upstream's status for <see cref="OutcomeKind.Answered"/>; 0 otherwise.</param>
public readonly record struct RequestOutcome(OutcomeKind Kind, int Status)
{
    /// <summary>1 for 1xx … 5xx; anything outside 100-599 counts as 5xx (no valid upstream sends it).</summary>
    public int StatusClass => Status is >= 100 and < 600 ? Status / 100 : 5;

    /// <param name="error">What YARP's forwarder reported.</param>
    /// <param name="responseStarted">Whether the upstream's response headers had been sent to the client when the error came.</param>
    /// <param name="status">The response status at the end (the upstream's when it answered).</param>
    public static RequestOutcome Classify(ForwarderError error, bool responseStarted, int status) => error switch
    {
        ForwarderError.None => new(OutcomeKind.Answered, status),
        _ when IsClientSide(error) => new(OutcomeKind.ClientGone, 0),
        // The upstream answered before taking the whole body (an early 413 or 401) and closed: its answer went out whole.
        ForwarderError.RequestBodyDestination when responseStarted => new(OutcomeKind.Answered, status),
        _ => new(OutcomeKind.UpstreamFailed, 0),
    };

    private static bool IsClientSide(ForwarderError error) => error is
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
        or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient
        or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient;
}
