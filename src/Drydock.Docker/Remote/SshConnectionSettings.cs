using System.Globalization;

namespace Drydock.Docker;

/// <summary>
/// How the system ssh client reaches a server, rendered as arguments (tested as data): never interactive, host key
/// checking always on, keep-alives so a dropped link is noticed, and the identity from ssh-agent unless a key is given.
/// The agent only authenticates: it and X11 are never forwarded to the server, whatever the user's ssh_config says.
/// </summary>
public sealed record SshConnectionSettings(SshTarget Target)
{
    /// <summary><c>UserKnownHostsFile</c>, then the only one consulted; null keeps ssh's defaults (~/.ssh/known_hosts and the system's).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>A private key file; null uses ssh-agent (SSH_AUTH_SOCK) and ssh's default keys.</summary>
    public string? IdentityFile { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seconds between keep-alives; after three unanswered ones ssh exits and the tunnel is known to be gone.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new ArgumentList()
            .Option("-o", "BatchMode=yes")
            .Option("-o", "StrictHostKeyChecking=yes")
            .Option("-o", $"ConnectTimeout={Seconds(ConnectTimeout)}")
            .Option("-o", $"ServerAliveInterval={Seconds(KeepAliveInterval)}")
            .Option("-o", "ServerAliveCountMax=3")
            .Option("-o", "ForwardAgent=no")
            .Option("-o", "ForwardX11=no")
            .Option("-o", KnownHostsFile is null ? null : $"UserKnownHostsFile={Quote(KnownHostsFile)}")
            // A key pinned for the run is not overruled by an entry in /etc/ssh/ssh_known_hosts.
            .Option("-o", KnownHostsFile is null ? null : "GlobalKnownHostsFile=/dev/null")
            .Option("-i", IdentityFile)
            .Option("-o", IdentityFile is null ? null : "IdentitiesOnly=yes")
            .Option("-p", Target.Port.ToString(CultureInfo.InvariantCulture));
        return arguments.ToList();
    }

    private static string Seconds(TimeSpan value) => ((int)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    // ssh splits -o values on whitespace unless quoted.
    private static string Quote(string path) => path.Any(char.IsWhiteSpace) ? $"\"{path}\"" : path;
}
