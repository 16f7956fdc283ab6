namespace Drydock.Docker.Tests;

/// <summary>What OpenSSH 9.2 printed in each case (captured against a test node), read into failures with fixes.</summary>
public sealed class SshFailureTests
{
    private static readonly SshTarget Node = new("root", "127.0.0.1", 18690);

    [Fact]
    public void An_unknown_host_key_names_SSH_KNOWN_HOSTS_and_keyscan()
    {
        var error = SshFailure.FromExit(Node,
        [
            "No ED25519 host key is known for [127.0.0.1]:18690 and you have requested strict checking.",
            "Host key verification failed.",
        ], "SSH_KNOWN_HOSTS");

        Assert.Equal(RemoteHostFailure.HostKeyUnknown, error.Failure);
        Assert.Contains("is not in SSH_KNOWN_HOSTS", error.Message);
        Assert.Contains("ssh-keyscan -p 18690 127.0.0.1", error.Message);
        Assert.Contains("host key checking stays on", error.Message);
    }

    [Fact]
    public void A_changed_host_key_names_where_it_was_expected_and_how_to_replace_it()
    {
        var error = SshFailure.FromExit(Node,
        [
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
            "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
            "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
            "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!",
            "Host key for [127.0.0.1]:18690 has changed and you have requested strict checking.",
            "Host key verification failed.",
        ], "/ci/known_hosts");

        Assert.Equal(RemoteHostFailure.HostKeyChanged, error.Failure);
        Assert.Contains("does not match the one in /ci/known_hosts", error.Message);
        Assert.Contains("ssh-keygen -R '[127.0.0.1]:18690'", error.Message);
    }

    [Fact]
    public void A_refused_key_names_authorized_keys_and_the_agent()
    {
        var error = SshFailure.FromExit(Node, ["root@127.0.0.1: Permission denied (publickey,password)."], "SSH_KNOWN_HOSTS");

        Assert.Equal(RemoteHostFailure.KeyRefused, error.Failure);
        Assert.Contains("~root/.ssh/authorized_keys", error.Message);
        Assert.Contains("ssh-agent", error.Message);
        Assert.Contains("Permission denied (publickey,password)", error.Message);
    }

    [Theory]
    [InlineData("ssh: connect to host 127.0.0.1 port 18698: Connection refused")]
    [InlineData("ssh: connect to host 10.1.2.3 port 22: Connection timed out")]
    [InlineData("ssh: Could not resolve hostname nowhere.invalid: Name or service not known")]
    [InlineData("kex_exchange_identification: read: Connection reset by peer")]
    public void An_unreachable_host_quotes_what_ssh_said(string said)
    {
        var error = SshFailure.FromExit(Node, [said], "SSH_KNOWN_HOSTS");

        Assert.Equal(RemoteHostFailure.Unreachable, error.Failure);
        Assert.Contains(said, error.Message);
        Assert.Contains("that sshd runs on the server", error.Message);
    }

    [Fact]
    public void A_taken_reverse_port_is_a_forward_failure()
    {
        var error = SshFailure.FromExit(Node, ["Error: remote port forwarding failed for listen port 5000"], "SSH_KNOWN_HOSTS");

        Assert.Equal(RemoteHostFailure.ForwardRefused, error.Failure);
        Assert.Contains("already taken", error.Message);
    }

    [Fact]
    public void A_refused_engine_channel_is_recognised() =>
        Assert.True(SshFailure.EngineChannelRefused(["channel 1: open failed: connect failed: open failed"]));

    [Theory]
    [InlineData("drydock-diagnosis:missing", RemoteHostFailure.NoEngine, "sudo apt-get install docker.io")]
    [InlineData("drydock-diagnosis:stopped", RemoteHostFailure.NoEngine, "sudo systemctl enable --now docker")]
    [InlineData("drydock-diagnosis:denied", RemoteHostFailure.EngineAccessDenied, "sudo usermod -aG docker root")]
    [InlineData("", RemoteHostFailure.NoEngine, "AllowStreamLocalForwarding")]
    public void The_diagnosis_names_what_to_install_start_or_grant(string said, RemoteHostFailure failure, string fix)
    {
        var error = SshEngineDiagnosis.Classify(Node, [said], "/var/run/docker.sock");

        Assert.Equal(failure, error.Failure);
        Assert.Contains(fix, error.Message);
    }

    [Fact]
    public void The_diagnosis_script_quotes_the_socket_path() =>
        Assert.Contains("[ ! -S '/run/it'\\''s.sock' ]", SshEngineDiagnosis.Script("/run/it's.sock"));

    [Theory]
    [InlineData("20.10.24+dfsg1", true)]
    [InlineData("28.2.2", true)]
    [InlineData("24.0.7-0ubuntu2", true)]
    [InlineData("19.03.15", false)]
    [InlineData("1.13.1", false)]
    [InlineData("garbage", false)]
    public void Engines_older_than_20_10_are_refused_naming_the_minimum(string version, bool accepted)
    {
        var error = DockerEngineRequirement.Check(Node, version);

        Assert.Equal(accepted, error is null);
        if (!accepted)
            Assert.Contains($"is version {version}; Drydock needs 20.10 or newer", error);
    }
}
