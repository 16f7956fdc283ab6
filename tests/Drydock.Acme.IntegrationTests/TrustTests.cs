namespace Drydock.Acme.IntegrationTests;

/// <summary>Pebble's HTTPS certificate is trusted only through the CA bundle; without it the client refuses, naming the option.</summary>
[Collection(PebbleCollection.Name)]
public sealed class TrustTests(PebbleFixture pebble, ITestOutputHelper output)
{
    [Fact]
    public async Task Without_the_CA_bundle_pebbles_certificate_is_refused_naming_acme_ca_bundle()
    {
        var error = await Assert.ThrowsAsync<AcmeException>(() =>
            AcmeClient.ConnectAsync(pebble.DirectoryUrl, AcmeServerTrust.System(), new CapturingBuildLog(output), CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Equal(ProblemCause.ServerUnreachable, error.Cause);
        Assert.Contains("--acme-ca-bundle", error.Message);
    }

    [Fact]
    public async Task With_the_CA_bundle_the_directory_is_read()
    {
        using var client = await pebble.ConnectAsync(new CapturingBuildLog(output));

        Assert.Equal(pebble.DirectoryUrl.Authority, client.Directory.NewOrder.Authority);
        Assert.NotNull(client.Directory.TermsOfService);
    }
}
