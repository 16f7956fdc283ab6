using Drydock.Docker;

namespace Drydock.Build.Tests;

/// <summary>A registry on the runner's loopback reaches a remote host only through the run's reverse forward.</summary>
public sealed class RegistryReverseForwardTests
{
    [Theory]
    [InlineData(null, 5000)]            // the embedded registry
    [InlineData("", 5000)]
    [InlineData("127.0.0.1:21560", 21560)]
    [InlineData("localhost:21561/team", 21561)]
    public void A_registry_on_the_runners_loopback_gets_its_port_forwarded(string? registry, int port)
    {
        Assert.Equal(SshReverseForward.SamePort(port), RegistryReverseForward.For(registry));
    }

    [Theory]
    [InlineData("ghcr.io/acme")]
    [InlineData("registry.example.com:5000")]
    [InlineData("10.0.0.5:5000")]
    [InlineData("127.0.0.1")]
    public void A_registry_the_host_reaches_by_itself_gets_no_forward(string registry)
    {
        Assert.Null(RegistryReverseForward.For(registry));
    }
}
