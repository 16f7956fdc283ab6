namespace Drydock.Acme.Tests;

/// <summary>The resource shapes of RFC 8555 7.1 as the client reads them.</summary>
public class ResourceParsingTests
{
    private static readonly Uri Base = new("https://ca.example/acme/order/1");

    [Fact]
    public void An_order_gives_its_status_authorizations_finalize_and_certificate()
    {
        var order = AcmeOrder.Parse("""
            {"status":"valid","expires":"2026-12-01T00:00:00Z",
             "identifiers":[{"type":"dns","value":"www.example.org"}],
             "authorizations":["https://ca.example/acme/authz/a","https://ca.example/acme/authz/b"],
             "finalize":"https://ca.example/acme/order/1/finalize",
             "certificate":"https://ca.example/acme/cert/1"}
            """, Base);

        Assert.Equal(AcmeStatus.Valid, order.Status);
        Assert.Equal(2, order.Authorizations.Count);
        Assert.Equal(new Uri("https://ca.example/acme/order/1/finalize"), order.Finalize);
        Assert.Equal(new Uri("https://ca.example/acme/cert/1"), order.Certificate);
        Assert.Null(order.Error);
    }

    [Fact]
    public void An_invalid_authorization_carries_the_challenges_problem()
    {
        var authorization = AcmeAuthorization.Parse("""
            {"status":"invalid","identifier":{"type":"dns","value":"www.example.org"},
             "challenges":[
               {"type":"dns-01","url":"https://ca.example/acme/chall/d","status":"pending","token":"t1"},
               {"type":"http-01","url":"https://ca.example/acme/chall/h","status":"invalid","token":"t2",
                "error":{"type":"urn:ietf:params:acme:error:connection","detail":"Timeout during connect"}}]}
            """, new Uri("https://ca.example/acme/authz/a"));

        Assert.Equal(AcmeStatus.Invalid, authorization.Status);
        Assert.Equal("www.example.org", authorization.Identifier);
        var http01 = Assert.IsType<AcmeChallenge>(authorization.Http01Challenge);
        Assert.Equal("t2", http01.Token);
        Assert.Equal(ProblemCause.Connection, http01.Error!.Cause);
    }

    [Fact]
    public void An_unknown_status_is_unknown_not_an_exception() =>
        Assert.Equal(AcmeStatus.Unknown, AcmeOrder.Parse("""{"status":"weird","authorizations":[],"finalize":"https://ca.example/f"}""", Base).Status);

    [Fact]
    public void The_directory_gives_the_URLs_and_the_terms()
    {
        var directory = AcmeDirectory.Parse("""
            {"newNonce":"https://ca.example/acme/new-nonce","newAccount":"https://ca.example/acme/new-account",
             "newOrder":"https://ca.example/acme/new-order","revokeCert":"https://ca.example/acme/revoke-cert",
             "meta":{"termsOfService":"https://ca.example/terms","externalAccountRequired":false}}
            """, new Uri("https://ca.example/directory"));

        Assert.Equal(new Uri("https://ca.example/acme/new-order"), directory.NewOrder);
        Assert.Equal(new Uri("https://ca.example/terms"), directory.TermsOfService);
        Assert.False(directory.ExternalAccountRequired);
    }
}
