using Drydock.Edge.Proxy;

namespace Drydock.Edge.Tests;

/// <summary>Which request bodies the edge announces with <c>Expect: 100-continue</c> before sending them upstream.</summary>
public sealed class ExpectContinuePolicyTests
{
    [Theory]
    [InlineData(null, false, false)] // GET: no body
    [InlineData(0L, false, false)] // Content-Length: 0
    [InlineData(100L, true, false)] // small JSON: sent at once
    [InlineData(ExpectContinuePolicy.SmallBody, true, false)]
    [InlineData(ExpectContinuePolicy.SmallBody + 1, true, true)]
    [InlineData(1024L * 1024, true, true)] // a 1 MiB POST, the size that used to end in a 502
    [InlineData(null, true, true)] // chunked: length unknown
    public void Large_or_unknown_bodies_are_announced_first(long? contentLength, bool hasBody, bool askFirst) =>
        Assert.Equal(askFirst, ExpectContinuePolicy.AskFirst(contentLength, hasBody));
}
