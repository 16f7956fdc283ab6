using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Drydock.Acme.IntegrationTests;

namespace Drydock.Acme.IntegrationTests;

[Collection(PebbleCollection.Name)]
public sealed class IssuanceTests(PebbleFixture pebble, ITestOutputHelper output) : IDisposable
{
    private readonly CapturingBuildLog _log = new(output);
    private readonly string _storeRoot = RepositoryRoot.Temp($"acme-store-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_certificate_for_two_names_is_issued_and_chains_to_pebbles_root()
    {
        var names = Names("app", "www.app");
        var store = new CertificateStore(_storeRoot);
        using var client = await pebble.ConnectAsync(_log);
        using var key = store.LoadOrCreateAccountKey(client.DirectoryUrl);
        var account = await client.OpenAccountAsync(key, new AccountRequest(TermsOfServiceAgreed: true, "ops@acme.test"), CancellationToken.None);

        var timer = Stopwatch.StartNew();
        var certificate = await new CertificateIssuer(account, pebble.Challenges.Store, _log).IssueAsync(names, CancellationToken.None);
        output.WriteLine($"issuance for 2 names (order to chain downloaded): {timer.Elapsed.TotalMilliseconds:0} ms");
        store.Save(names[0].Value, certificate);

        Assert.True(account.Created);
        Assert.Equal(names.Order(), certificate.Facts.Names.Order());
        Assert.All(names, n => Assert.Contains($"{n.Value}{Http01Challenge.PathPrefix}", string.Join(" ", pebble.Challenges.Requests)));
        Assert.Empty(pebble.Challenges.Store.Tokens); // answers are withdrawn after validation

        var chain = certificate.Chain();
        using var validation = new X509Chain();
        validation.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        validation.ChainPolicy.CustomTrustStore.Add(pebble.IssuingRoot);
        validation.ChainPolicy.ExtraStore.AddRange(chain);
        validation.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(validation.Build(chain[0]), string.Join("; ", validation.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(pebble.IssuingRoot.Thumbprint, validation.ChainElements[^1].Certificate.Thumbprint);

        using var served = store.Load(names[0].Value)!.ToServerCertificate();
        Assert.True(served.HasPrivateKey);
        Assert.Equal(chain[0].Thumbprint, served.Thumbprint);
        Assert.DoesNotContain("PRIVATE KEY", _log.Text);
    }

    [Fact]
    public async Task The_stored_account_key_finds_the_same_account_again()
    {
        var store = new CertificateStore(_storeRoot);
        using var client = await pebble.ConnectAsync(_log);
        Uri first;
        using (var key = store.LoadOrCreateAccountKey(client.DirectoryUrl))
        {
            var account = await client.OpenAccountAsync(key, new AccountRequest(true), CancellationToken.None);
            Assert.True(account.Created);
            first = account.Url;
        }

        using var reloaded = store.LoadOrCreateAccountKey(client.DirectoryUrl);
        using var again = await pebble.ConnectAsync(_log);
        var reopened = await again.OpenAccountAsync(reloaded, new AccountRequest(true), CancellationToken.None);

        Assert.False(reopened.Created);
        Assert.Equal(first, reopened.Url);
        var certificate = await new CertificateIssuer(reopened, pebble.Challenges.Store, _log).IssueAsync(Names("reuse"), CancellationToken.None);
        Assert.Single(certificate.Facts.Names);
    }

    [Fact]
    public async Task A_token_the_server_does_not_serve_fails_as_unauthorized_naming_the_host()
    {
        var names = Names("unserved");
        var nothingServed = new Http01ChallengeStore(); // published here, but the HTTP server reads the fixture's store
        var account = await OpenAccountAsync();

        var error = await Assert.ThrowsAsync<AcmeException>(() => new CertificateIssuer(account, nothingServed, _log).IssueAsync(names, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Equal(ProblemCause.Unauthorized, error.Cause);
        Assert.Contains(names[0].Value, error.Message);
        Assert.Contains("unauthorized", error.Message);
        Assert.Contains("/.well-known/acme-challenge/", error.Message);
        Assert.Empty(nothingServed.Tokens);
    }

    [Fact]
    public async Task A_host_whose_port_80_cuts_the_connection_fails_as_connection_naming_port_80()
    {
        var names = Names("cutoff");
        pebble.Challenges.CutOff[names[0].Value] = true;
        var account = await OpenAccountAsync();

        var error = await Assert.ThrowsAsync<AcmeException>(() => new CertificateIssuer(account, pebble.Challenges.Store, _log).IssueAsync(names, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Equal(ProblemCause.Connection, error.Cause);
        Assert.Contains(names[0].Value, error.Message);
        Assert.Contains("port 80", error.Message);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_fails_as_DNS_naming_the_host()
    {
        var names = Names("nodns");
        await pebble.FailDnsAsync(names[0].Value);
        var account = await OpenAccountAsync();

        var error = await Assert.ThrowsAsync<AcmeException>(() => new CertificateIssuer(account, pebble.Challenges.Store, _log).IssueAsync(names, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Equal(ProblemCause.Dns, error.Cause);
        Assert.Contains(names[0].Value, error.Message);
        Assert.Contains("DNS", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_storeRoot))
            Directory.Delete(_storeRoot, recursive: true);
    }

    private async Task<AcmeAccount> OpenAccountAsync()
    {
        var client = await pebble.ConnectAsync(_log);
        return await client.OpenAccountAsync(AccountKey.Create(), new AccountRequest(true), CancellationToken.None);
    }

    /// <summary>Names unique to this run (pebble keeps orders for the suite's lifetime).</summary>
    private static IReadOnlyList<DnsName> Names(params string[] labels)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return labels.Select(l => DnsName.Parse($"{l}.r{run}.acme.test")).ToArray();
    }
}
