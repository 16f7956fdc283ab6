using System.Diagnostics;
using System.Net.Http.Headers;
using Drydock.Engine.Output;

namespace Drydock.Acme;

/// <summary>
/// One certificate from an open account (RFC 8555 7.4): new order, HTTP-01 for every pending authorization (all
/// published and answered first, then awaited together), finalize with a fresh key's CSR, wait, download the chain.
/// Published challenge answers are always removed again, whatever happens.
/// </summary>
public sealed class CertificateIssuer(AcmeAccount account, IHttp01ChallengeResponder responder, IBuildLog log, PollSettings? settings = null, TimeProvider? time = null)
{
    private readonly PollSettings _settings = settings ?? PollSettings.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IssuedCertificate> IssueAsync(IReadOnlyList<DnsName> names, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var order = await account.NewOrderAsync(names, cancellationToken);
        log.Write(LogLevel.Debug, $"ACME: order {order.Url} for {string.Join(", ", names)} is {Status(order.Status)}.");
        var published = new List<string>();
        try
        {
            await ValidateAsync(order, published, cancellationToken);
            var ready = await WaitForOrderAsync(order.Url, AcmeStatus.Ready, "validation", cancellationToken);

            log.Write(LogLevel.Debug, $"ACME: every name is validated after {started.ElapsedMilliseconds} ms; finalizing.");
            using var csr = CertificateSigningRequest.Create(names);
            var finalized = await account.FinalizeAsync(ready, csr.Der, cancellationToken);
            var valid = finalized.Value.Status == AcmeStatus.Valid
                ? finalized.Value
                : await WaitForOrderAsync(order.Url, AcmeStatus.Valid, "issuance", cancellationToken, finalized.RetryAfter);
            log.Write(LogLevel.Debug, $"ACME: the certificate is issued after {started.ElapsedMilliseconds} ms; downloading the chain.");
            var chain = await account.DownloadChainAsync(
                valid.Certificate ?? throw new AcmeException(ProblemCause.Other, "The ACME order is valid but names no certificate URL."), cancellationToken);
            var certificate = new IssuedCertificate(chain, csr.PrivateKey.ExportPkcs8PrivateKeyPem());
            CheckMatches(certificate, names, csr);
            log.Write(LogLevel.Information, $"ACME: issued a {certificate} in {started.Elapsed.TotalMilliseconds:0} ms.");
            return certificate;
        }
        finally
        {
            foreach (var token in published)
                await responder.RemoveAsync(token, CancellationToken.None);
        }
    }

    private async Task ValidateAsync(AcmeOrder order, List<string> published, CancellationToken cancellationToken)
    {
        var pending = new List<AcmeAuthorization>();
        foreach (var url in order.Authorizations)
        {
            var authorization = (await account.GetAuthorizationAsync(url, cancellationToken)).Value;
            if (authorization.Status == AcmeStatus.Valid)
                continue; // The CA still holds a valid authorization for this name (reuse): nothing to prove.
            if (authorization.Status != AcmeStatus.Pending)
                throw Failed(authorization);
            var challenge = authorization.Http01Challenge
                            ?? throw new AcmeException(ProblemCause.RejectedIdentifier, $"The ACME server offers no HTTP-01 challenge for {authorization.Identifier}; Drydock validates by HTTP-01 only.");
            var answer = new Http01Challenge(challenge.Token ?? string.Empty, account.KeyAuthorization(challenge.Token ?? string.Empty));
            await responder.PublishAsync(answer, cancellationToken);
            published.Add(answer.Token);
            await account.RespondAsync(challenge, cancellationToken);
            pending.Add(authorization);
        }
        foreach (var authorization in pending)
            await WaitForAuthorizationAsync(authorization, cancellationToken);
    }

    private async Task WaitForAuthorizationAsync(AcmeAuthorization authorization, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _settings.Timeout;
        for (var attempt = 0; ; attempt++)
        {
            var polled = await account.GetAuthorizationAsync(authorization.Url, cancellationToken);
            switch (polled.Value.Status)
            {
                case AcmeStatus.Valid:
                    log.Write(LogLevel.Debug, $"ACME: {authorization.Identifier} is validated.");
                    return;
                case AcmeStatus.Pending:
                    await DelayAsync(polled.RetryAfter, deadline, attempt, $"validation of {authorization.Identifier}", cancellationToken);
                    break;
                default:
                    throw Failed(polled.Value);
            }
        }
    }

    private async Task<AcmeOrder> WaitForOrderAsync(Uri url, AcmeStatus wanted, string stage, CancellationToken cancellationToken, RetryConditionHeaderValue? firstRetryAfter = null)
    {
        var deadline = _time.GetUtcNow() + _settings.Timeout;
        if (firstRetryAfter is not null)
            await DelayAsync(firstRetryAfter, deadline, 0, stage, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var polled = await account.GetOrderAsync(url, cancellationToken);
            var order = polled.Value;
            if (order.Status == wanted || (wanted == AcmeStatus.Ready && order.Status == AcmeStatus.Valid))
                return order;
            if (order.Status is AcmeStatus.Invalid or AcmeStatus.Expired or AcmeStatus.Deactivated or AcmeStatus.Revoked)
                throw order.Error is { } problem
                    ? new AcmeException(problem)
                    : new AcmeException(ProblemCause.Other, $"The ACME order became {Status(order.Status)} during {stage}, without a reason.");
            await DelayAsync(polled.RetryAfter, deadline, attempt, stage, cancellationToken);
        }
    }

    private async Task DelayAsync(RetryConditionHeaderValue? retryAfter, DateTimeOffset deadline, int attempt, string stage, CancellationToken cancellationToken)
    {
        var delay = PollSchedule.NextDelay(retryAfter, _time.GetUtcNow(), deadline, attempt, _settings)
                    ?? throw new AcmeException(ProblemCause.Timeout, $"The ACME server did not finish {stage} within {_settings.Timeout.TotalSeconds:0} s. Fix: deploy again later; if it persists, check the CA's status page.");
        await Task.Delay(delay, _time, cancellationToken);
    }

    /// <summary>Never store a chain that would fail at the TLS handshake: the leaf must be for our key and every name.</summary>
    private static void CheckMatches(IssuedCertificate certificate, IReadOnlyList<DnsName> names, CertificateSigningRequest csr)
    {
        using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificate.ChainPem);
        var ourKey = csr.PrivateKey.ExportSubjectPublicKeyInfo();
        if (!leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(ourKey) || !certificate.Facts.Covers(names))
            throw new AcmeException(ProblemCause.Other, $"The ACME server returned a certificate for {string.Join(", ", certificate.Facts.Names)} that does not match the request for {string.Join(", ", names)} and its key; it was not stored.");
    }

    private static string Status(AcmeStatus status) => status.ToString().ToLowerInvariant();

    private static AcmeException Failed(AcmeAuthorization authorization)
    {
        var problem = authorization.Http01Challenge?.Error ?? authorization.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null);
        return problem is not null
            ? new AcmeException(problem, authorization.Identifier)
            : new AcmeException(ProblemCause.Other, $"Certificate for {authorization.Identifier} failed: its authorization is {Status(authorization.Status)} and the CA gave no reason.");
    }
}
