namespace Drydock.Acme;

/// <summary>
/// Turns a problem into the sentence a deploy prints: which name, what the CA saw, and what to change. Pure, so
/// every cause's wording is checked as data.
/// </summary>
public static class ProblemExplanation
{
    /// <param name="name">The host name whose validation failed, when the problem belongs to one.</param>
    public static string Describe(AcmeProblem problem, string? name = null)
    {
        var subject = problem.Subproblems.FirstOrDefault(s => s.Identifier is not null)?.Identifier ?? problem.Identifier ?? name;
        var forName = subject is null ? string.Empty : $" for {subject}";
        var said = $"(the CA said: {problem.Name}: {Detail(problem)})";
        var host = subject ?? "the host name";
        return problem.Cause switch
        {
            ProblemCause.Dns =>
                $"Certificate{forName} failed: DNS. The ACME server could not resolve {host} {said}. Fix: create an A (and AAAA, if any) record for {host} pointing at this server, wait until it resolves publicly, then deploy again.",
            ProblemCause.Connection =>
                $"Certificate{forName} failed: the ACME server could not connect to {host} on port 80 for the HTTP-01 challenge {said}. Fix: open port 80 to the internet (firewall, cloud security group) and make sure the edge listens on it (--http-port).",
            ProblemCause.Unauthorized =>
                $"Certificate{forName} failed: unauthorized. The ACME server reached {host} on port 80 but did not get this server's challenge answer {said}. Fix: make sure {host} points at this server and that nothing else (another proxy, a CDN, a redirect) answers /.well-known/acme-challenge/.",
            ProblemCause.RateLimited =>
                $"Certificate{forName} failed: the ACME server's rate limit was reached {said}. Fix: wait until the time the CA names, or test against the staging directory; Drydock keeps valid certificates, so deploying again does not re-issue.",
            ProblemCause.Caa =>
                $"Certificate{forName} failed: a CAA record forbids this CA {said}. Fix: add the CA to the CAA records of {host}, or remove them.",
            ProblemCause.Tls =>
                $"Certificate{forName} failed: the ACME server hit a TLS error while validating {host} {said}. Fix: HTTP-01 starts on port 80; if port 80 redirects to HTTPS, the certificate served there must be valid, or let the edge answer the challenge on port 80.",
            ProblemCause.RejectedIdentifier =>
                $"Certificate{forName} failed: the CA will not issue for {host} {said}. Fix: use a public DNS name the CA accepts.",
            ProblemCause.Account =>
                $"The ACME account was refused {said}. Fix: check --acme-email and the CA's requirements; removing the stored account key lets Drydock register a new account.",
            ProblemCause.ServerInternal =>
                $"Certificate{forName} failed: the ACME server had an internal error {said}. Fix: try again later; check the CA's status page.",
            _ => $"Certificate{forName} failed: the ACME server refused the request {said}.",
        };
    }

    private static string Detail(AcmeProblem problem) =>
        problem.Subproblems.Count == 0 || problem.Subproblems[0].Detail.Length == 0
            ? problem.Detail
            : $"{problem.Detail}; {string.Join("; ", problem.Subproblems.Select(s => $"{s.Identifier}: {s.Name}: {s.Detail}"))}";
}
