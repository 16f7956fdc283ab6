using Drydock.Acme;
using Drydock.Edge.Client;
using Drydock.Edge.Contract;
using Drydock.Engine.Output;

namespace Drydock.Deploy;

/// <summary>
/// Before the switch: declares the environment's host names on the host-wide edge and puts their certificates in place
/// (<c>files</c>: the user's PEMs, sent on the exec's standard input; <c>acme</c>: issued now when the edge's renewal policy
/// says so, and waited for). A certificate that cannot be obtained fails the deploy naming the cause, before anything
/// was switched. Returns each host's certificate as the edge answered (for Status and History).
/// </summary>
public static class HostDeclarationStep
{
    public static async Task<IReadOnlyList<CertificateStatusView>> RunAsync(
        IBuildLog log, HostEdgeView before, EdgeAdminClient hosts, HostEdgePlan plan, EnvironmentHttps https, StillServing still, CancellationToken cancellationToken)
    {
        var tls = https.Tls.ToString().ToLowerInvariant();
        foreach (var host in plan.Declare)
        {
            log.Write(LogLevel.Information, $"Declaring {host.Value} (tls {tls}) on {before.Name}");
            await hosts.DeclareAsync(host.Value, tls, cancellationToken: cancellationToken);
        }
        var files = https.Tls == HostTlsMode.Files
            ? new CertificateFilesChange(EnvironmentHttps.ReadPem(https.TlsCertificate!, "tlsCertificate"), EnvironmentHttps.ReadPem(https.TlsKey!, "tlsKey"))
            : null;
        var certificates = new List<CertificateStatusView>();
        foreach (var host in plan.Certify)
        {
            try
            {
                var status = files is null ? await hosts.IssueAsync(host.Value, cancellationToken) : await hosts.UseFilesAsync(host.Value, files, cancellationToken);
                log.Write(LogLevel.Information, Describe(host, status, Change(before, status)));
                certificates.Add(status);
            }
            catch (EdgeAdminException e)
            {
                var cause = e.Type is { } type && type.StartsWith(HostPaths.CertificateFailedType, StringComparison.Ordinal) ? type[HostPaths.CertificateFailedType.Length..] : null;
                throw new DeployException(
                    $"No certificate for {host.Value}{(cause is null ? "" : $" (cause: {cause})")}: {e.Detail ?? e.Title}. Nothing was switched; {still}.", e);
            }
        }
        return certificates;
    }

    public static string Describe(DnsName host, CertificateStatusView status, string? change) =>
        $"{(change is null ? "Certificate in place" : $"Certificate {change}")} for {host.Value}: {status.Issuer ?? "unknown issuer"}, valid until {status.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    /// <summary>
    /// Pure: "issued" (the host had none when the deploy read the edge), "renewed" (it had another), or null (the same
    /// one). Judged by thumbprint, not by the edge's <c>issued</c> flag: declaring a host starts issuance in the
    /// background, so the certificate may already be there when the deploy asks for it.
    /// </summary>
    public static string? Change(HostEdgeView before, CertificateStatusView now)
    {
        if (!now.Present || now.Thumbprint is null)
            return null;
        var old = before.Route(now.Host)?.Certificate;
        return old is not { Present: true } ? "issued" : old.Thumbprint == now.Thumbprint ? null : "renewed";
    }

    /// <summary>The history's words for the certificates this deploy saw issued or renewed; null when none.</summary>
    public static string? HistoryNote(HostEdgeView before, IReadOnlyList<CertificateStatusView> certificates)
    {
        var changed = certificates.Select(c => (Certificate: c, Change: Change(before, c))).Where(c => c.Change is not null).ToList();
        return changed.Count == 0 ? null
            : string.Join("; ", changed.Select(c => $"certificate {c.Change}: {c.Certificate.Host} by {c.Certificate.Issuer} until {c.Certificate.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
    }
}
