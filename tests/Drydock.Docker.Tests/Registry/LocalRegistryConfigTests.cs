using Drydock.Registry;

namespace Drydock.Docker.Tests;

public sealed class LocalRegistryConfigTests
{
    [Fact]
    public void Config_serves_http_on_the_address_with_filesystem_storage()
    {
        var yaml = LocalRegistryConfig.Render("/w/storage", "127.0.0.1:5000", "secret");

        Assert.Contains("    rootdirectory: '/w/storage'\n", yaml);
        Assert.Contains("  addr: '127.0.0.1:5000'\n", yaml);
        Assert.DoesNotContain("auth:", yaml);
    }

    [Fact]
    public void Config_with_htpasswd_requires_basic_auth()
    {
        var yaml = LocalRegistryConfig.Render("/w/it's", "127.0.0.1:5001", "secret", "/w/htpasswd");

        Assert.Contains("auth:\n  htpasswd:\n    realm: drydock\n    path: '/w/htpasswd'\n", yaml);
        Assert.Contains("'/w/it''s'", yaml);
    }

    [Fact]
    public void Htpasswd_lines_are_bcrypt_and_verify()
    {
        var line = Htpasswd.Line(new RegistryCredentials("robot", "s3cret-pw"), workFactor: 4);

        Assert.StartsWith("robot:$2", line);
        Assert.DoesNotContain("s3cret-pw", line);
        Assert.True(Htpasswd.Verify(line, "s3cret-pw"));
        Assert.False(Htpasswd.Verify(line, "wrong"));
        Assert.Throws<ArgumentException>(() => Htpasswd.Line(new RegistryCredentials("a:b", "x")));
    }
}
