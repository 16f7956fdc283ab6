namespace Drydock.Edge.Contract;

/// <summary>
/// The body of <c>PUT /hosts/{host}</c>: declare a host route (and its TLS mode: <c>acme</c>, <c>files</c> or <c>off</c>).
/// Declaring an ACME host starts issuance in the background when <c>RenewalPolicy</c> says one is needed; a deploy that
/// must not switch without a certificate then calls <c>POST /hosts/{host}/certificate</c> and waits for its answer.
/// </summary>
public sealed record HostDeclarationChange(string? PathPrefix = null, string? Tls = null);

/// <summary>One declared host route, as <c>GET /hosts</c> lists it.</summary>
public sealed record HostView(string Host, string PathPrefix, string Tls, long Generation, ActiveRouteView? Active, CertificateStatusView? Certificate);

/// <summary>
/// <c>GET /hosts/{host}/certificate</c> (and the answer of <c>POST</c>): whether the host has a certificate the edge
/// serves now, who issued it and until when; <see cref="RenewAt"/> is when the background renewal will replace it;
/// <see cref="LastRenewal"/> is its last check (absent from older edges and before the first check).
/// </summary>
public sealed record CertificateStatusView(
    string Host,
    bool Present,
    bool Valid,
    string? Issuer,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    DateTimeOffset? RenewAt,
    IReadOnlyList<string> Names,
    string? Thumbprint,
    bool Issued = false,
    RenewalAttemptView? LastRenewal = null)
{
    public static CertificateStatusView None(string host) => new(host, false, false, null, null, null, null, [], null);
}

/// <summary>The background renewal's last check of a host: when, whether it succeeded (or why not), and when one last succeeded.</summary>
public sealed record RenewalAttemptView(DateTimeOffset At, bool Succeeded, string? Problem, DateTimeOffset? LastSucceededAt);

/// <summary>The body of <c>PUT /hosts/{host}/certificate</c>: the user's own certificate chain and key, PEM (never logged).</summary>
public sealed record CertificateFilesChange(string CertificatePem, string KeyPem);

public static class HostPaths
{
    public const string Hosts = "/hosts";

    /// <summary>Problem type prefix of a failed issuance; the cause follows (dns, connection, ratelimited, unauthorized, …).</summary>
    public const string CertificateFailedType = "urn:drydock:problem:edge-certificate-";
}
