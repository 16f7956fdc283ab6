using Drydock.Acme;
using Drydock.Edge.Contract;

namespace Drydock.Edge.Tls;

/// <summary>
/// The edge's certificates: read from the store on <c>&lt;state&gt;/tls</c>, issued by ACME (HTTP-01 answered from
/// <see cref="Challenges"/> by the edge's own HTTP listener) when <see cref="RenewalPolicy"/> says so, or given as
/// files; every new certificate is saved first (mode 600), then swapped into the <see cref="CertificateSelector"/>.
/// One issuance at a time, so a declaration, a deploy waiting for its certificate and the renewal loop never order
/// the same name twice.
/// </summary>
public sealed class CertificateService(HttpsOptions options, CertificateStore store, CertificateSelector selector, TimeProvider time, ILogger<CertificateService> log)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public Http01ChallengeStore Challenges { get; } = new();

    public CertificateSelector Selector => selector;

    /// <summary>Serves what the store holds for these hosts (at start); unreadable files are logged and left for issuance to replace.</summary>
    public void LoadStored(IEnumerable<DnsName> hosts)
    {
        foreach (var host in hosts.Distinct())
        {
            try
            {
                if (store.Load(host.Value) is { } stored)
                    Install(stored);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Security.Cryptography.CryptographicException)
            {
                log.LogError("The stored certificate for {Host} cannot be read ({Problem}); it will be issued again.", host.Value, e.Message);
            }
        }
    }

    public CertificateStatusView Status(DnsName host)
    {
        var served = selector.Select(host.Value);
        if (served is null)
            return CertificateStatusView.None(host.Value);
        var facts = served.Facts;
        var now = time.GetUtcNow();
        var decision = RenewalPolicy.Decide([host], facts, now);
        return new CertificateStatusView(host.Value, true, now >= facts.NotBefore && now < facts.NotAfter, facts.Issuer, facts.NotBefore, facts.NotAfter,
            decision.RenewAt ?? now, [.. facts.Names.Select(n => n.Value)], facts.Thumbprint);
    }

    /// <summary>
    /// Issues a certificate for <paramref name="host"/> by ACME unless the one served is kept by the renewal policy.
    /// Throws <see cref="AcmeException"/> naming the cause (DNS, port 80 unreachable, rate limit, …); the certificate
    /// served before (if any) stays.
    /// </summary>
    public async Task<CertificateStatusView> EnsureAsync(DnsName host, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var decision = RenewalPolicy.Decide([host], selector.Select(host.Value)?.Facts, time.GetUtcNow());
            if (!decision.Issue)
                return Status(host);
            log.LogInformation("Requesting a certificate for {Host} from {Directory} ({Reason})", host.Value, options.AcmeDirectory, decision.Reason);
            var acmeLog = new BuildLogAdapter(log);
            var handler = options.AcmeCaBundle is { } bundle ? AcmeServerTrust.TrustingOnly(bundle) : AcmeServerTrust.System();
            using var client = await AcmeClient.ConnectAsync(options.AcmeDirectory, handler, acmeLog, cancellationToken);
            using var key = store.LoadOrCreateAccountKey(client.DirectoryUrl);
            var account = await client.OpenAccountAsync(key, new AccountRequest(TermsOfServiceAgreed: true, options.AcmeEmail), cancellationToken);
            var issued = await new CertificateIssuer(account, Challenges, acmeLog).IssueAsync([host], cancellationToken);
            store.Save(host.Value, issued);
            Install(issued);
            log.LogInformation("Serving a new certificate for {Host} from {Issuer}, valid until {NotAfter:u} ({Reason})", host.Value, issued.Facts.Issuer, issued.Facts.NotAfter, decision.Reason);
            return Status(host) with { Issued = true };
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Serves the user's own certificate: checked (parses, key matches, covers the host, still valid), saved, swapped in.</summary>
    public CertificateStatusView UseFiles(DnsName host, string certificatePem, string keyPem)
    {
        IssuedCertificate issued;
        try
        {
            issued = new IssuedCertificate(certificatePem, keyPem);
            using var check = issued.ToServerCertificate();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"The certificate or key for {host.Value} cannot be read ({e.Message}). Fix: give the PEM chain (leaf first) and its PEM private key.", e);
        }
        if (!issued.Facts.Covers([host]))
            throw new ArgumentException($"The certificate names {string.Join(", ", issued.Facts.Names)}, not {host.Value}. Fix: give a certificate whose subject alternative names include {host.Value}.");
        if (time.GetUtcNow() >= issued.Facts.NotAfter)
            throw new ArgumentException($"The certificate for {host.Value} expired on {issued.Facts.NotAfter:u}. Fix: give a current one.");
        store.Save(host.Value, issued);
        Install(issued);
        return Status(host);
    }

    private void Install(IssuedCertificate issued) => selector.Install(ServedCertificate.From(issued));
}
