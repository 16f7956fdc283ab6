using Drydock.Docker;
using Drydock.Testing.Nodes;

namespace Drydock.Remote.IntegrationTests;

/// <summary>Each way a host can be unusable ends in a clear error naming the fix, and leaves nothing behind.</summary>
[Collection(NodesCollection.Name)]
public sealed class FailureTests(NodesFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_unknown_host_key_is_refused_with_the_fix()
    {
        // known_hosts for some other host only: the node's key is unknown.
        var options = fixture.TunnelOptions(fixture.Node) with { KnownHostsContents = fixture.NodeWithoutDocker.KnownHostsLine };

        var error = await RefusedAsync(options);

        Assert.Equal(RemoteHostFailure.HostKeyUnknown, error.Failure);
        Assert.Contains("SSH_KNOWN_HOSTS", error.Message);
        Assert.Contains("ssh-keyscan -p 18600 127.0.0.1", error.Message);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_with_the_fix()
    {
        using var impostor = await NodeKey.CreateAsync(fixture.CreateDocker(new CapturingBuildLog()).Runner, "node-impostor");
        var wrongLine = $"{fixture.Node.Target.KnownHostsName} {string.Join(' ', impostor.PublicKey.Split(' ').Take(2))}";
        var options = fixture.TunnelOptions(fixture.Node) with { KnownHostsContents = wrongLine };

        var error = await RefusedAsync(options);

        Assert.Equal(RemoteHostFailure.HostKeyChanged, error.Failure);
        Assert.Contains("ssh-keygen -R '[127.0.0.1]:18600'", error.Message);
        Assert.Contains("SSH_KNOWN_HOSTS", error.Message);
    }

    [Fact]
    public async Task A_key_the_host_does_not_accept_is_refused_with_the_fix()
    {
        using var stranger = await NodeKey.CreateAsync(fixture.CreateDocker(new CapturingBuildLog()).Runner, "node-stranger");
        var options = fixture.TunnelOptions(fixture.Node) with { IdentityFile = stranger.PrivateKeyPath };

        var error = await RefusedAsync(options);

        Assert.Equal(RemoteHostFailure.KeyRefused, error.Failure);
        Assert.Contains("authorized_keys", error.Message);
        Assert.Contains("ssh-agent", error.Message);
    }

    [Fact]
    public async Task An_unreachable_host_is_named_with_what_to_check()
    {
        var options = new SshTunnelOptions(new SshTarget("root", "127.0.0.1", NodesFixture.ClosedPort)) { IdentityFile = fixture.Cluster.Key.PrivateKeyPath };

        var error = await RefusedAsync(options);

        Assert.Equal(RemoteHostFailure.Unreachable, error.Failure);
        Assert.Contains($"ssh://root@127.0.0.1:{NodesFixture.ClosedPort}", error.Message);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task A_host_without_docker_is_refused_naming_what_to_install()
    {
        var error = await RefusedAsync(fixture.TunnelOptions(fixture.NodeWithoutDocker));

        Assert.Equal(RemoteHostFailure.NoEngine, error.Failure);
        Assert.Contains("apt-get install docker.io", error.Message);
        Assert.Contains("has no Docker installed", error.Message);
    }

    /// <summary>Opens a tunnel that must fail; checks no ssh process, socket or private directory is left.</summary>
    private async Task<RemoteHostException> RefusedAsync(SshTunnelOptions options)
    {
        var log = new CapturingBuildLog(output);
        var before = LeftOvers.TunnelDirectories();

        var error = await Assert.ThrowsAsync<RemoteHostException>(() => SshEngineTunnel.OpenAsync(options, fixture.CreateDocker(log), log));

        output.WriteLine($"{error.Failure}: {error.Message}");
        Assert.Empty(LeftOvers.SshClientsTo(options.Target.Port));
        Assert.Equal(before, LeftOvers.TunnelDirectories());
        return error;
    }
}
