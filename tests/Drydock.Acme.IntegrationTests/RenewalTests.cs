namespace Drydock.Acme.IntegrationTests;

/// <summary>
/// The renewal decision on real, short-lived certificates (pebble issues them for one hour here): a fresh one is
/// kept, so deploying again issues nothing; inside its window it is renewed, and the store's file is replaced whole.
/// </summary>
[Collection(PebbleCollection.Name)]
public sealed class RenewalTests(PebbleFixture pebble, ITestOutputHelper output) : IDisposable
{
    private readonly CapturingBuildLog _log = new(output);
    private readonly string _storeRoot = RepositoryRoot.Temp($"acme-store-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_fresh_short_lived_certificate_is_kept_and_renewed_inside_its_window()
    {
        var host = $"renew.r{Guid.NewGuid():N}"[..22] + ".acme.test";
        var sites = new[] { new SiteHosts("notes/production", [host]) };
        var store = new CertificateStore(_storeRoot);
        using var client = await pebble.ConnectAsync(_log);
        using var key = store.LoadOrCreateAccountKey(client.DirectoryUrl);
        var account = await client.OpenAccountAsync(key, new AccountRequest(true), CancellationToken.None);
        var issuer = new CertificateIssuer(account, pebble.Challenges.Store, _log);

        var first = Assert.Single(CertificatePlan.Decide(sites, store.ReadAll(), DateTimeOffset.UtcNow));
        Assert.Equal(RenewalReason.Missing, first.Decision.Reason);
        var issued = await issuer.IssueAsync(first.Names, CancellationToken.None);
        store.Save(first.Id, issued);

        var lifetime = issued.Facts.Lifetime;
        output.WriteLine($"pebble certificate lifetime: {lifetime}");
        Assert.InRange(lifetime.TotalSeconds, PebbleFixture.CertificateValiditySeconds - 5, PebbleFixture.CertificateValiditySeconds + 5);

        var again = Assert.Single(CertificatePlan.Decide(sites, store.ReadAll(), DateTimeOffset.UtcNow));
        Assert.False(again.Decision.Issue); // the next deploy re-issues nothing
        Assert.Equal(issued.Facts.NotAfter - lifetime / 3, again.Decision.RenewAt);

        var insideWindow = issued.Facts.NotAfter - lifetime / 4;
        var due = Assert.Single(CertificatePlan.Decide(sites, store.ReadAll(), insideWindow));
        Assert.Equal(RenewalReason.Expiring, due.Decision.Reason);

        var renewed = await issuer.IssueAsync(due.Names, CancellationToken.None);
        store.Save(due.Id, renewed);

        var stored = Assert.Single(store.ReadAll());
        Assert.Equal(renewed.Facts.Thumbprint, stored.Facts.Thumbprint);
        Assert.NotEqual(issued.Facts.Thumbprint, stored.Facts.Thumbprint);
        Assert.NotEqual(issued.PrivateKeyPem, store.Load(due.Id)!.PrivateKeyPem); // a new key per certificate
        Assert.Empty(Directory.GetFiles(Path.Combine(_storeRoot, "certificates"), "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_storeRoot))
            Directory.Delete(_storeRoot, recursive: true);
    }
}
