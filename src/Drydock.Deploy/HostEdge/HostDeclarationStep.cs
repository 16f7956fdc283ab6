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
        IBuildLog log, string edge, EdgeHostsClient hosts, HostEdgePlan plan, EnvironmentHttps https, string stillServing, CancellationToken cancellationToken)
    {
        var tls = https.Tls.ToString().ToLowerInvariant();
        foreach (var host in plan.Declare)
        {
            log.Write(LogLevel.Information, $"Declaring {host.Value} (tls {tls}) on {edge}");
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
                log.Write(LogLevel.Information, Describe(host, status));
                certificates.Add(status);
            }
            catch (EdgeAdminException e)
            {
                var cause = e.Type is { } type && type.StartsWith(HostPaths.CertificateFailedType, StringComparison.Ordinal) ? type[HostPaths.CertificateFailedType.Length..] : null;
                throw new DeployException(
                    $"No certificate for {host.Value}{(cause is null ? "" : $" (cause: {cause})")}: {e.Detail ?? e.Title}. Nothing was switched; {stillServing}.", e);
            }
        }
        return certificates;
    }

    public static string Describe(DnsName host, CertificateStatusView status) =>
        $"{(status.Issued ? "Issued a new certificate" : "Certificate in place")} for {host.Value}: {status.Issuer ?? "unknown issuer"}, valid until {status.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    /// <summary>The history's words for what this deploy did to certificates; null when nothing was issued.</summary>
    public static string? HistoryNote(IReadOnlyList<CertificateStatusView> certificates)
    {
        var issued = certificates.Where(c => c.Issued).ToList();
        return issued.Count == 0 ? null
            : "certificate issued: " + string.Join(", ", issued.Select(c => $"{c.Host} by {c.Issuer} until {c.NotAfter?.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
    }
}
