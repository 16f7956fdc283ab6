namespace Drydock.Docker;

/// <summary>
/// Why a host's engine socket cannot be used, asked with one ssh command only after the tunnel's channel was refused:
/// no Docker installed, installed but not running, or the user may not use it. Read-only: it installs nothing.
/// </summary>
public static class SshEngineDiagnosis
{
    private const string Marker = "drydock-diagnosis:";

    public static IReadOnlyList<string> Arguments(SshConnectionSettings connection, string remoteSocket) =>
        [.. connection.ToArguments(), "-T", connection.Target.Destination, Script(remoteSocket)];

    /// <summary>The remote shell command; the socket path is single-quoted, so it is never interpreted.</summary>
    public static string Script(string remoteSocket)
    {
        var socket = "'" + remoteSocket.Replace("'", "'\\''") + "'";
        return $"if [ ! -S {socket} ]; then if command -v dockerd >/dev/null 2>&1 || command -v docker >/dev/null 2>&1; then echo {Marker}stopped; else echo {Marker}missing; fi; "
            + $"elif [ ! -r {socket} ] || [ ! -w {socket} ]; then echo {Marker}denied; else echo {Marker}unknown; fi";
    }

    /// <summary>The failure with its fix, from what the diagnosis printed (anything unreadable gives the general one).</summary>
    public static RemoteHostException Classify(SshTarget target, IEnumerable<string> output, string remoteSocket)
    {
        var answer = output.Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(Marker, StringComparison.Ordinal))?[Marker.Length..];
        var user = target.User ?? "the SSH user";
        return answer switch
        {
            "missing" => new(RemoteHostFailure.NoEngine,
                $"{target} has no Docker installed. A host with Docker is all Drydock needs, and it installs nothing on hosts unasked: install it there (sudo apt-get install docker.io, or https://docs.docker.com/engine/install/), start it (sudo systemctl enable --now docker) and add {user} to the docker group (sudo usermod -aG docker {user})."),
            "stopped" => new(RemoteHostFailure.NoEngine,
                $"{target} has Docker installed but its engine is not running (no socket at {remoteSocket}). Start it on the host: sudo systemctl enable --now docker. (Drydock needs Docker {DockerEngineRequirement.Minimum} or newer; on Debian/Ubuntu: sudo apt-get install docker.io.)"),
            "denied" => new(RemoteHostFailure.EngineAccessDenied,
                $"{user} on {target} may not use the Docker engine ({remoteSocket}: permission denied). Add the user to the docker group on the host: sudo usermod -aG docker {user}, then log in again."),
            _ => new(RemoteHostFailure.NoEngine,
                $"{target} refused the connection to its Docker engine at {remoteSocket}. Check that Docker is installed and running there (sudo apt-get install docker.io; sudo systemctl enable --now docker) and that the server allows socket forwarding (AllowStreamLocalForwarding in sshd_config)."),
        };
    }
}
