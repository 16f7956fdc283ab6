namespace Drydock.Docker.Tests;

public sealed class SshTunnelSettingsTests
{
    private static readonly SshTarget Server = new("deploy", "server", 2222);

    [Fact]
    public void The_tunnel_is_one_ssh_process_forwarding_the_engine_socket_with_host_key_checking_on()
    {
        var settings = new SshTunnelSettings(new SshConnectionSettings(Server) { KnownHostsFile = "/tmp/d/known_hosts" }, "/tmp/d/docker.sock")
        {
            ReverseForwards = [SshReverseForward.SamePort(5000)],
        };

        Assert.Equal(
        [
            "-N", "-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3",
            "-o", "ForwardAgent=no", "-o", "ForwardX11=no",
            "-o", "UserKnownHostsFile=/tmp/d/known_hosts", "-o", "GlobalKnownHostsFile=/dev/null", "-p", "2222",
            "-L", "/tmp/d/docker.sock:/var/run/docker.sock", "-R", "127.0.0.1:5000:127.0.0.1:5000", "deploy@server",
        ], settings.ToArguments());
    }

    [Fact]
    public void A_key_file_is_the_only_identity_offered_and_without_one_ssh_agent_is_used()
    {
        var withKey = new SshConnectionSettings(Server) { IdentityFile = "/keys/id_ed25519" }.ToArguments();
        var withAgent = new SshConnectionSettings(Server).ToArguments();

        Assert.Contains("/keys/id_ed25519", withKey);
        Assert.Contains("IdentitiesOnly=yes", withKey);
        Assert.DoesNotContain("-i", withAgent);
        Assert.DoesNotContain("IdentitiesOnly=yes", withAgent);
        Assert.DoesNotContain(withAgent, a => a.StartsWith("UserKnownHostsFile", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ssh_session_refuses_agent_and_x11_forwarding_whatever_ssh_config_says()
    {
        var tunnel = new SshTunnelSettings(new SshConnectionSettings(Server), "/tmp/d/docker.sock").ToArguments();
        var diagnosis = SshEngineDiagnosis.Arguments(new SshConnectionSettings(Server), "/var/run/docker.sock");

        foreach (var arguments in new[] { tunnel, diagnosis })
        {
            Assert.Contains("ForwardAgent=no", arguments);
            Assert.Contains("ForwardX11=no", arguments);
            Assert.True(arguments.ToList().IndexOf("ForwardAgent=no") < arguments.ToList().IndexOf(Server.Destination), "options must come before the destination");
        }
    }

    [Fact]
    public void A_given_known_hosts_file_is_the_only_one_consulted_and_without_one_ssh_keeps_its_defaults()
    {
        var given = new SshConnectionSettings(Server) { KnownHostsFile = "/ci/known_hosts" }.ToArguments();
        var byDefault = new SshConnectionSettings(Server).ToArguments();

        Assert.Contains("GlobalKnownHostsFile=/dev/null", given);
        Assert.DoesNotContain(byDefault, a => a.StartsWith("GlobalKnownHostsFile", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reverse_forward_listens_on_the_servers_loopback_only() =>
        Assert.Equal("127.0.0.1:5000:127.0.0.1:5000", SshReverseForward.SamePort(5000).ToString());

    [Fact]
    public void A_known_hosts_path_with_spaces_is_quoted_for_ssh() =>
        Assert.Contains("UserKnownHostsFile=\"/home/a b/known_hosts\"", new SshConnectionSettings(Server) { KnownHostsFile = "/home/a b/known_hosts" }.ToArguments());

    [Fact]
    public void Known_hosts_from_the_variable_go_to_the_private_directory_and_win_over_a_file()
    {
        var options = new SshTunnelOptions(Server) { KnownHostsFile = "/etc/ssh/ssh_known_hosts", ReverseForwards = [SshReverseForward.SamePort(5000)] }
            .WithKnownHostsFromEnvironment(name => name == "SSH_KNOWN_HOSTS" ? "[server]:2222 ssh-ed25519 AAAA" : null);

        var settings = options.Settings("/tmp/drydock-ssh-x");

        Assert.Equal("SSH_KNOWN_HOSTS", options.KnownHostsSource);
        Assert.Equal("/tmp/drydock-ssh-x/known_hosts", settings.Connection.KnownHostsFile);
        Assert.Equal("/tmp/drydock-ssh-x/docker.sock", settings.LocalSocket);
        Assert.Equal([SshReverseForward.SamePort(5000)], settings.ReverseForwards);
        Assert.DoesNotContain(settings.ToArguments(), a => a.Contains("AAAA", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_variable_keeps_the_file_or_the_default()
    {
        var fromFile = new SshTunnelOptions(Server) { KnownHostsFile = "/ci/known_hosts" }.WithKnownHostsFromEnvironment(_ => "");
        var byDefault = new SshTunnelOptions(Server).WithKnownHostsFromEnvironment(_ => null);

        Assert.Equal("/ci/known_hosts", fromFile.KnownHostsSource);
        Assert.Equal("/ci/known_hosts", fromFile.Settings("/tmp/x").Connection.KnownHostsFile);
        Assert.Equal("~/.ssh/known_hosts", byDefault.KnownHostsSource);
        Assert.Null(byDefault.Settings("/tmp/x").Connection.KnownHostsFile);
    }

    [Fact]
    public void The_guard_script_gets_the_owner_and_the_command_as_arguments_never_interpolated()
    {
        var command = TunnelProcess.StartCommand("/tmp/d/ssh.log", 4242, "ssh", ["-N", "it's; rm -rf /"]);

        Assert.Equal("sh", command.FileName);
        Assert.Equal(["4242", "/tmp/d/ssh.log", "ssh", "-N", "it's; rm -rf /"], command.Arguments.Skip(3));
        Assert.DoesNotContain("rm -rf", command.Arguments[1]);
    }

    [Fact]
    public void A_named_agent_socket_is_the_only_thing_added_to_ssh_s_environment()
    {
        Assert.Empty(new SshTunnelOptions(Server).SshEnvironment);
        Assert.Equal(
            new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = "/run/agent.sock" },
            new SshTunnelOptions(Server) { AgentSocket = "/run/agent.sock" }.SshEnvironment);
    }
}
