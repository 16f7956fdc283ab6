namespace Drydock.Acme.Tests;

public class ProblemTests
{
    private static AcmeProblem Problem(string name, string detail) =>
        AcmeProblem.Parse($$"""{"type":"urn:ietf:params:acme:error:{{name}}","detail":"{{detail}}","status":400}""", 400);

    [Theory]
    [InlineData("dns", "DNS problem: NXDOMAIN looking up A for notes.example.org", ProblemCause.Dns, "DNS")]
    [InlineData("connection", "Get \\\"http://x.test/.well-known/acme-challenge/t\\\": could not resolve URL", ProblemCause.Dns, "A (and AAAA, if any) record")]
    [InlineData("connection", "Fetching http://x.test/.well-known/acme-challenge/t: Connection refused", ProblemCause.Connection, "port 80")]
    [InlineData("unauthorized", "Invalid response from http://x.test/.well-known/acme-challenge/t: 404", ProblemCause.Unauthorized, "/.well-known/acme-challenge/")]
    [InlineData("incorrectResponse", "The key authorization file from the server did not match", ProblemCause.Unauthorized, "points at this server")]
    [InlineData("rateLimited", "too many certificates already issued for exact set of domains: retry after 2026-12-01T00:00:00Z", ProblemCause.RateLimited, "rate limit")]
    [InlineData("caa", "CAA record for example.org prevents issuance", ProblemCause.Caa, "CAA")]
    [InlineData("serverInternal", "oops", ProblemCause.ServerInternal, "try again later")]
    public void Each_cause_is_named_with_its_fix_and_the_CAs_own_words(string name, string detail, ProblemCause cause, string fix)
    {
        var problem = Problem(name, detail);

        var message = ProblemExplanation.Describe(problem, "notes.example.org");

        Assert.Equal(cause, problem.Cause);
        Assert.Equal(name, problem.Name);
        Assert.Contains("notes.example.org", message);
        Assert.Contains(fix, message);
        Assert.Contains(detail.Replace("\\\"", "\""), message);
    }

    [Fact]
    public void A_rejected_order_takes_its_cause_and_name_from_the_first_subproblem()
    {
        var problem = AcmeProblem.Parse("""
            {"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"Error creating new order",
             "subproblems":[{"type":"urn:ietf:params:acme:error:rateLimited","detail":"too many","identifier":{"type":"dns","value":"b.example.org"}}]}
            """, 400);

        Assert.Equal(ProblemCause.RateLimited, problem.Cause);
        Assert.Equal("b.example.org", problem.Subproblems[0].Identifier);
        Assert.Contains("for b.example.org", ProblemExplanation.Describe(problem));
        Assert.Contains("b.example.org: rateLimited: too many", ProblemExplanation.Describe(problem));
    }

    [Fact]
    public void BadNonce_is_recognized_so_the_transport_can_retry()
    {
        Assert.Equal(ProblemCause.BadNonce, Problem("badNonce", "JWS has an invalid anti-replay nonce").Cause);
    }

    [Fact]
    public void A_body_that_is_no_problem_document_still_becomes_one_with_the_HTTP_status()
    {
        var problem = AcmeProblem.Parse("<html>502 Bad Gateway</html>", 502);

        Assert.Equal("about:blank", problem.Type);
        Assert.Equal(502, problem.Status);
        Assert.Equal(ProblemCause.Other, problem.Cause);
        Assert.Contains("502 Bad Gateway", ProblemExplanation.Describe(problem));
    }

    [Fact]
    public void The_exception_carries_the_cause_and_the_explanation()
    {
        var error = new AcmeException(Problem("connection", "refused"), "a.example.org");

        Assert.Equal(ProblemCause.Connection, error.Cause);
        Assert.StartsWith("Certificate for a.example.org failed", error.Message);
    }
}
