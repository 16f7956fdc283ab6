using Drydock.Docker;

namespace Drydock.Deploy.Tests;

/// <summary>The replace strategy probes the runner's 127.0.0.1, so it is refused for an ssh:// host, naming edge.</summary>
public sealed class RemoteHostStrategyTests
{
    private static readonly DockerHost Server = DockerHost.Parse("ssh://deploy@server:2222");

    [Fact]
    public void Replace_on_a_server_over_ssh_is_refused_naming_the_edge_strategy()
    {
        var refusal = RemoteHostStrategy.Refusal(Server, DeployStrategyKind.Replace, "production");

        Assert.NotNull(refusal);
        Assert.Contains("ssh://deploy@server:2222", refusal);
        Assert.Contains("\"strategy\": \"edge\"", refusal);
        Assert.Contains("--strategy edge", refusal);
        Assert.Contains(".nuke/environments/production.json", refusal);
        Assert.Contains("Nothing was changed", refusal);
    }

    [Theory]
    [InlineData("ssh://deploy@server:2222", DeployStrategyKind.Edge)]
    [InlineData("", DeployStrategyKind.Replace)]
    [InlineData("", DeployStrategyKind.Edge)]
    [InlineData("my-context", DeployStrategyKind.Replace)]
    public void Every_other_pair_is_allowed(string host, DeployStrategyKind strategy)
    {
        Assert.Null(RemoteHostStrategy.Refusal(DockerHost.Parse(host), strategy, "production"));
    }
}
