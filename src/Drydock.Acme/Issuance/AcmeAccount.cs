using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Drydock.Acme;

/// <summary>A resource read by POST-as-GET, with the server's Retry-After for the next poll.</summary>
public sealed record Polled<T>(T Value, RetryConditionHeaderValue? RetryAfter);

/// <summary>
/// An open account: every request is signed with its key and names the account URL as kid. Each method is one ACME
/// request; <see cref="CertificateIssuer"/> strings them into an issuance.
/// </summary>
public sealed class AcmeAccount
{
    private const string PemChain = "application/pem-certificate-chain";
    private readonly AcmeTransport _transport;
    private readonly AccountKey _key;

    internal AcmeAccount(AcmeTransport transport, AccountKey key, Uri url, bool created)
    {
        _transport = transport;
        _key = key;
        Url = url;
        Created = created;
    }

    public Uri Url { get; }

    /// <summary>True when newAccount registered the key now; false when the server already knew it.</summary>
    public bool Created { get; }

    public string KeyAuthorization(string token) => _key.KeyAuthorization(token);

    public async Task<AcmeOrder> NewOrderAsync(IReadOnlyList<DnsName> names, CancellationToken cancellationToken)
    {
        var identifiers = new JsonArray(names.Select(n => (JsonNode)new JsonObject { ["type"] = "dns", ["value"] = n.Value }).ToArray());
        var response = await PostAsync(_transport.Directory.NewOrder, new JsonObject { ["identifiers"] = identifiers }.ToJsonString(), cancellationToken);
        var url = response.Location ?? throw new AcmeException(ProblemCause.Other, "The ACME server created the order but sent no Location header (the order URL).");
        return AcmeOrder.Parse(response.Body, url);
    }

    public async Task<Polled<AcmeOrder>> GetOrderAsync(Uri url, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, payloadJson: null, cancellationToken);
        return new Polled<AcmeOrder>(AcmeOrder.Parse(response.Body, url), response.RetryAfter);
    }

    public async Task<Polled<AcmeAuthorization>> GetAuthorizationAsync(Uri url, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, payloadJson: null, cancellationToken);
        return new Polled<AcmeAuthorization>(AcmeAuthorization.Parse(response.Body, url), response.RetryAfter);
    }

    /// <summary>Tells the server the challenge is ready to be validated (RFC 8555 7.5.1: the payload is an empty object).</summary>
    public async Task RespondAsync(AcmeChallenge challenge, CancellationToken cancellationToken) =>
        await PostAsync(challenge.Url, "{}", cancellationToken);

    public async Task<Polled<AcmeOrder>> FinalizeAsync(AcmeOrder order, byte[] csrDer, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["csr"] = System.Buffers.Text.Base64Url.EncodeToString(csrDer) }.ToJsonString();
        var response = await PostAsync(order.Finalize, payload, cancellationToken);
        return new Polled<AcmeOrder>(AcmeOrder.Parse(response.Body, order.Url), response.RetryAfter);
    }

    /// <summary>The certificate chain as PEM, leaf first (RFC 8555 7.4.2).</summary>
    public async Task<string> DownloadChainAsync(Uri certificateUrl, CancellationToken cancellationToken) =>
        (await _transport.PostAsync(certificateUrl, _key, Url, payloadJson: null, cancellationToken, accept: PemChain)).Body;

    private Task<AcmeResponse> PostAsync(Uri url, string? payloadJson, CancellationToken cancellationToken) =>
        _transport.PostAsync(url, _key, Url, payloadJson, cancellationToken);
}
