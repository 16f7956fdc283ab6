namespace Drydock.Versioning.Tests;

public sealed class RegistryAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("localhost:5000", "localhost:5000")]
    [InlineData("ghcr.io/acme/", "ghcr.io/acme")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    [InlineData("Registry.Example.com", "Registry.Example.com")]
    public void Host_port_and_namespace_forms_are_accepted(string registry, string expected) =>
        Assert.Equal(expected, RegistryAddress.Parse(registry).Value);

    [Fact]
    public void A_scheme_is_refused_with_the_address_to_use_instead()
    {
        var error = Assert.Throws<VersioningException>(() => RegistryAddress.Parse("http://127.0.0.1:5000"));

        Assert.Contains("e.g. '127.0.0.1:5000'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("my registry:5000")]
    [InlineData("ghcr.io/Acme")]
    [InlineData("host:port")]
    public void Malformed_addresses_are_refused(string registry) =>
        Assert.Throws<VersioningException>(() => RegistryAddress.Parse(registry));
}
