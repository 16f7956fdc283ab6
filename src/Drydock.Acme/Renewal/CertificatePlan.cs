namespace Drydock.Acme;

/// <summary>A site's wish: the host names one app environment answers on (one certificate per site).</summary>
public sealed record SiteHosts(string Site, IReadOnlyList<string> Hosts);

/// <summary>A certificate on disk, by its id (its first name), as the store read it: facts only, no key.</summary>
public sealed record StoredCertificate(string Id, CertificateFacts Facts);

/// <summary>One certificate the sites need: its id, names (normalized), and whether to issue it now.</summary>
public sealed record CertificateNeed(string Site, string Id, IReadOnlyList<DnsName> Names, RenewalDecision Decision);

/// <summary>
/// Which names need a certificate: every site with hosts gets one certificate named by its first host; the stored
/// one is kept while <see cref="RenewalPolicy"/> says so. Bad host names and a name claimed by two sites fail the
/// whole plan with the fix, before anything is requested.
/// </summary>
public static class CertificatePlan
{
    public static IReadOnlyList<CertificateNeed> Decide(IReadOnlyList<SiteHosts> sites, IReadOnlyList<StoredCertificate> stored, DateTimeOffset now)
    {
        var errors = new List<string>();
        var claimedBy = new Dictionary<DnsName, string>();
        var needs = new List<CertificateNeed>();
        foreach (var site in sites)
        {
            var names = new List<DnsName>();
            foreach (var host in site.Hosts)
            {
                if (!DnsName.TryParse(host, out var name, out var error))
                    errors.Add($"{site.Site}: {error}");
                else if (claimedBy.TryGetValue(name, out var other) && other != site.Site)
                    errors.Add($"{site.Site}: the host {name} is already used by {other}; a host name belongs to one environment. Remove it from one of them.");
                else if (!names.Contains(name))
                {
                    names.Add(name);
                    claimedBy[name] = site.Site;
                }
            }
            if (names.Count == 0)
                continue;
            var id = names[0].Value;
            var existing = stored.FirstOrDefault(c => c.Id == id)?.Facts;
            needs.Add(new CertificateNeed(site.Site, id, names, RenewalPolicy.Decide(names, existing, now)));
        }
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        return needs;
    }
}
