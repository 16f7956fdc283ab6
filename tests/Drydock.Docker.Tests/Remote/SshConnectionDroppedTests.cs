namespace Drydock.Docker.Tests;

/// <summary>An SSH drop mid-deploy is named as such, with what keeps serving and what to run next.</summary>
public sealed class SshConnectionDroppedTests
{
    [Fact]
    public void The_message_names_the_host_what_serves_the_check_and_the_rerun()
    {
        var cause = new InvalidOperationException("docker rm failed: Cannot connect to the Docker daemon at unix:///tmp/drydock-ssh-x/docker.sock.\nmore");

        var e = SshConnectionDropped.Exception(new SshTarget("deploy", "server", 2222), "./build.sh Deploy", cause);

        Assert.Equal(RemoteHostFailure.ConnectionDropped, e.Failure);
        Assert.Contains("The SSH connection to ssh://deploy@server:2222 dropped during the run", e.Message);
        Assert.Contains("keeps serving", e.Message);
        Assert.Contains("ssh -p 2222 deploy@server docker version", e.Message);
        Assert.Contains("run the same command again (./build.sh Deploy)", e.Message);
        Assert.DoesNotContain("more", e.Message);
    }
}
