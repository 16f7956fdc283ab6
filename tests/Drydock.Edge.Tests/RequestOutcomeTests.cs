using Drydock.Edge.Metrics;
using Yarp.ReverseProxy.Forwarder;

namespace Drydock.Edge.Tests;

/// <summary>How a forwarded request is counted: the upstream's own status by class, its silence as a failure, a departed client as neither.</summary>
public sealed class RequestOutcomeTests
{
    [Theory]
    [InlineData(ForwarderError.None, true, 200, OutcomeKind.Answered, 2)]
    [InlineData(ForwarderError.None, true, 101, OutcomeKind.Answered, 1)]
    [InlineData(ForwarderError.None, true, 304, OutcomeKind.Answered, 3)]
    [InlineData(ForwarderError.None, true, 413, OutcomeKind.Answered, 4)] // the upstream's 413 is its answer
    [InlineData(ForwarderError.None, true, 503, OutcomeKind.Answered, 5)]
    [InlineData(ForwarderError.RequestBodyDestination, true, 413, OutcomeKind.Answered, 4)] // answered before taking the body, then closed
    [InlineData(ForwarderError.RequestBodyDestination, false, 502, OutcomeKind.UpstreamFailed, 5)] // no answer came
    [InlineData(ForwarderError.Request, false, 502, OutcomeKind.UpstreamFailed, 5)] // refused or reset
    [InlineData(ForwarderError.RequestTimedOut, false, 504, OutcomeKind.UpstreamFailed, 5)]
    [InlineData(ForwarderError.ResponseBodyDestination, true, 200, OutcomeKind.UpstreamFailed, 5)] // cut mid-body
    [InlineData(ForwarderError.RequestCanceled, false, 502, OutcomeKind.ClientGone, 5)]
    [InlineData(ForwarderError.ResponseBodyClient, true, 200, OutcomeKind.ClientGone, 5)]
    [InlineData(ForwarderError.RequestBodyClient, false, 400, OutcomeKind.ClientGone, 5)]
    public void Outcomes_are_classified(ForwarderError error, bool responseStarted, int status, OutcomeKind kind, int statusClass)
    {
        var outcome = RequestOutcome.Classify(error, responseStarted, status);

        Assert.Equal(kind, outcome.Kind);
        if (kind == OutcomeKind.Answered)
            Assert.Equal((status, statusClass), (outcome.Status, outcome.StatusClass));
        else
            Assert.Equal(0, outcome.Status);
    }
}
