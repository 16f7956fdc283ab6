using System.Net;
using Drydock.Edge.Admin;

namespace Drydock.Edge.Tests;

/// <summary>Inside the container the admin port listens on the private network too; only loopback and the Docker gateway (the host) are served.</summary>
public sealed class AdminAccessPolicyTests
{
    // /proc/net/route of a container on a user-defined bridge: default route via 172.18.0.1, plus the bridge subnet.
    private static readonly string[] ContainerRoutes =
    [
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
        "eth0\t00000000\t010012AC\t0003\t0\t0\t0\t00000000\t0\t0\t0",
        "eth0\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
    ];

    [Fact]
    public void The_default_gateway_is_read_from_the_kernel_route_table()
    {
        Assert.Equal([IPAddress.Parse("172.18.0.1")], DefaultGateways.Parse(ContainerRoutes));
    }

    [Fact]
    public void No_default_route_means_no_gateway()
    {
        Assert.Empty(DefaultGateways.Parse(ContainerRoutes.Where(l => !l.Contains("\t00000000\t010012AC"))));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("172.18.0.1", true)]
    [InlineData("::ffff:172.18.0.1", true)]
    [InlineData("172.18.0.5", false)]
    [InlineData("10.0.0.1", false)]
    public void Host_only_serves_loopback_and_the_gateway(string remote, bool allowed)
    {
        var policy = AdminAccessPolicy.HostOnly(DefaultGateways.Parse(ContainerRoutes));

        Assert.Equal(allowed, policy.Allows(IPAddress.Parse(remote)));
    }

    [Fact]
    public void A_connection_without_an_address_is_refused()
    {
        Assert.False(AdminAccessPolicy.HostOnly([]).Allows(null));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("host", false)]
    [InlineData("ANY", true)]
    public void The_setting_chooses_host_only_or_any(string? setting, bool any)
    {
        Assert.Equal(any, AdminAccessPolicy.Parse(setting, () => []).AllowsAny);
    }

    [Fact]
    public void An_unknown_setting_is_refused_rather_than_guessed()
    {
        Assert.Throws<FormatException>(() => AdminAccessPolicy.Parse("everyone", () => []));
    }
}
