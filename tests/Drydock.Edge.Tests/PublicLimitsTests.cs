using Drydock.Edge.Contract;
using Drydock.Edge.Hosting;

namespace Drydock.Edge.Tests;

public sealed class PublicLimitsTests
{
    [Fact]
    public void Defaults_cut_idle_connections_sooner_and_cap_connections()
    {
        var limits = PublicLimits.FromEnvironment(_ => null);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(75), limits.KeepAliveTimeout);
        Assert.Equal(256, limits.MaxConnectionsPerClient);
        Assert.Equal(4096, limits.MaxConnections);
    }

    [Fact]
    public void Connection_caps_are_read_from_the_environment()
    {
        var environment = new Dictionary<string, string> { [EdgeEnvironment.MaxConnectionsPerClient] = "8", [EdgeEnvironment.MaxConnections] = "100" };
        var limits = PublicLimits.FromEnvironment(name => environment.GetValueOrDefault(name));
        Assert.Equal(8, limits.MaxConnectionsPerClient);
        Assert.Equal(100, limits.MaxConnections);
    }

    [Fact]
    public void A_connection_cap_that_is_not_a_positive_number_is_refused_by_name()
    {
        var e = Assert.Throws<FormatException>(() => PublicLimits.FromEnvironment(name => name == EdgeEnvironment.MaxConnectionsPerClient ? "0" : null));
        Assert.Contains(EdgeEnvironment.MaxConnectionsPerClient, e.Message, StringComparison.Ordinal);
    }
}
