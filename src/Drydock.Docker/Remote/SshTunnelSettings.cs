namespace Drydock.Docker;

/// <summary>
/// A remote port forwarded back to the runner: <c>-R 127.0.0.1:remotePort:localHost:localPort</c>. The server side
/// listens on its loopback only, even where sshd's GatewayPorts would let a bare port listen on every interface.
/// </summary>
public sealed record SshReverseForward(int RemotePort, string LocalHost, int LocalPort)
{
    /// <summary>The host's 127.0.0.1:port reaches the runner's 127.0.0.1:port, so a registry reference reads the same on both sides.</summary>
    public static SshReverseForward SamePort(int port) => new(port, "127.0.0.1", port);

    public override string ToString() => $"127.0.0.1:{RemotePort}:{LocalHost}:{LocalPort}";
}

/// <summary>
/// The one ssh process of a run: no remote command (<c>-N</c>), the remote engine's socket forwarded to a private
/// local socket, optional reverse forwards, and exit on a forward that cannot be set up instead of half-working.
/// </summary>
public sealed record SshTunnelSettings(SshConnectionSettings Connection, string LocalSocket)
{
    public const string DefaultRemoteSocket = "/var/run/docker.sock";

    public string Executable { get; init; } = "ssh";

    public string RemoteSocket { get; init; } = DefaultRemoteSocket;

    public IReadOnlyList<SshReverseForward> ReverseForwards { get; init; } = [];

    public IReadOnlyList<string> ToArguments() =>
        new ArgumentList("-N")
            .Option("-o", "ExitOnForwardFailure=yes")
            // A stale socket file of an earlier run is replaced rather than failing the bind.
            .Option("-o", "StreamLocalBindUnlink=yes")
            // Never multiplexed into (or become) a user's ControlMaster: this process owns the connection.
            .Option("-o", "ControlMaster=no")
            .Option("-o", "ControlPath=none")
            .AddRange(Connection.ToArguments())
            .Option("-L", $"{LocalSocket}:{RemoteSocket}")
            .Repeated("-R", ReverseForwards.Select(f => f.ToString()))
            .Add(Connection.Target.Destination)
            .ToList();
}
