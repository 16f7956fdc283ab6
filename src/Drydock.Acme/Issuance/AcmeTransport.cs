using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Drydock.Engine.Output;

namespace Drydock.Acme;

/// <summary>What the client reads from one ACME response.</summary>
internal sealed record AcmeResponse(HttpStatusCode Status, Uri? Location, RetryConditionHeaderValue? RetryAfter, string Body);

/// <summary>
/// The signed-request plumbing: keeps the last Replay-Nonce (RFC 8555 7.2), gets a fresh one from newNonce when none
/// is left, signs each POST with it, and resends with the nonce of the error response when the server answers
/// badNonce (6.5). Errors become <see cref="AcmeException"/>s. One request at a time: ACME nonces are single-use.
/// </summary>
internal sealed class AcmeTransport(HttpClient http, AcmeDirectory directory, IBuildLog log) : IDisposable
{
    internal const int BadNonceRetries = 5;
    private const string JoseJson = "application/jose+json";
    private string? _nonce;

    public AcmeDirectory Directory => directory;

    public async Task<AcmeResponse> PostAsync(Uri url, AccountKey key, Uri? accountUrl, string? payloadJson, CancellationToken cancellationToken, string? accept = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var nonce = _nonce ?? await NewNonceAsync(cancellationToken);
            _nonce = null;
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(JwsMessage.Create(key, url, nonce, accountUrl, payloadJson), Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseJson);
            if (accept is not null)
                request.Headers.Accept.ParseAdd(accept);

            using var response = await SendAsync(request, cancellationToken);
            _nonce = ReplayNonce(response);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return new AcmeResponse(response.StatusCode, response.Headers.Location is { } l ? new Uri(url, l) : null, response.Headers.RetryAfter, body);

            var problem = AcmeProblem.Parse(body, (int)response.StatusCode);
            if (problem.Cause == ProblemCause.BadNonce && attempt < BadNonceRetries)
            {
                log.Write(LogLevel.Debug, $"ACME: the server rejected a nonce ({problem.Detail}); retrying with a fresh one.");
                continue;
            }
            throw new AcmeException(problem);
        }
    }

    public async Task<string> NewNonceAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        using var response = await SendAsync(request, cancellationToken);
        return ReplayNonce(response)
               ?? throw new AcmeException(ProblemCause.ServerUnreachable, $"The ACME server answered newNonce ({directory.NewNonce}) with HTTP {(int)response.StatusCode} and no Replay-Nonce header; it does not speak RFC 8555.");
    }

    public static async Task<AcmeDirectory> ReadDirectoryAsync(HttpClient http, Uri directoryUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, directoryUrl);
        using var response = await SendAsync(http, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new AcmeException(ProblemCause.ServerUnreachable, $"The ACME directory {directoryUrl} answered HTTP {(int)response.StatusCode}. Fix: check --acme-directory.");
        try
        {
            return AcmeDirectory.Parse(body, directoryUrl);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new AcmeException(ProblemCause.ServerUnreachable, $"{directoryUrl} did not answer with an ACME directory (JSON). Fix: --acme-directory must be the directory URL itself.", exception);
        }
    }

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => SendAsync(http, request, cancellationToken);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // A TLS failure here is the ACME server's own certificate, not the validated site's: name the trust option.
            var tls = exception.InnerException is System.Security.Authentication.AuthenticationException;
            var fix = tls
                ? "Fix: its certificate is not trusted; for a private ACME server pass its CA with --acme-ca-bundle PATH."
                : "Fix: check --acme-directory and that this machine can reach the ACME server.";
            throw new AcmeException(ProblemCause.ServerUnreachable, $"Could not reach the ACME server at {request.RequestUri} ({exception.Message}). {fix}", exception);
        }
    }

    private static string? ReplayNonce(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Replay-Nonce", out var values) ? values.FirstOrDefault() : null;
}
