namespace Drydock.Edge.Proxy;

/// <summary>
/// When the edge asks the upstream <c>Expect: 100-continue</c> before sending a request body. An upstream may answer
/// before reading the body (Kestrel's 413 for a body over <c>MaxRequestBodySize</c>, a 401, a 404) and then close the
/// connection; a large body still being written then breaks the pipe and HttpClient throws away the answer it got, so
/// the client would get a 502 instead of the upstream's own response. Asking first lets the upstream refuse before
/// any of the body is sent, and its answer reaches the client. Small bodies are sent at once, as before: they are in
/// the upstream's buffers before it answers, so nothing breaks, and they are spared the round trip.
/// </summary>
public static class ExpectContinuePolicy
{
    /// <summary>Bodies larger than this (or of unknown length) are announced first.</summary>
    public const long SmallBody = 32 * 1024;

    /// <param name="contentLength">The request's <c>Content-Length</c>; null when it has none (chunked or no body).</param>
    /// <param name="hasBody">Whether the request carries a body at all (a length above zero, or chunked).</param>
    public static bool AskFirst(long? contentLength, bool hasBody) =>
        hasBody && (contentLength is null || contentLength > SmallBody);
}
