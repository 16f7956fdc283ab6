namespace Drydock.Docker;

/// <summary>
/// Reads what the ssh client wrote (it says why in English on stderr, exit code 255 for all of it) into one failure
/// with its fix. Pure, so every message is tested from captured ssh output.
/// </summary>
public static class SshFailure
{
    /// <summary>Why ssh exited before the tunnel was ready.</summary>
    public static RemoteHostException FromExit(SshTarget target, IReadOnlyList<string> stderr, string knownHostsSource)
    {
        var said = Said(stderr);
        if (Has(stderr, "REMOTE HOST IDENTIFICATION HAS CHANGED"))
            return new(RemoteHostFailure.HostKeyChanged,
                $"The SSH host key of {target} does not match the one in {knownHostsSource}. If the server was reinstalled, check its new key's fingerprint and replace the entry (ssh-keygen -R '{target.KnownHostsName}', then update SSH_KNOWN_HOSTS); otherwise the connection may be intercepted. Host key checking stays on.");
        if (Has(stderr, "Host key verification failed") || Has(stderr, "host key is known"))
            return new(RemoteHostFailure.HostKeyUnknown,
                $"The SSH host key of {target} is not in {knownHostsSource}, and host key checking stays on. Add the host's key: set SSH_KNOWN_HOSTS (the CI secret) to its known_hosts line, e.g. from 'ssh-keyscan -p {target.Port} {target.Host}' after checking the fingerprint on the server, or add that line to ~/.ssh/known_hosts.");
        if (Has(stderr, "Permission denied") || Has(stderr, "Too many authentication failures"))
            return new(RemoteHostFailure.KeyRefused,
                $"{target} refused the SSH key{(target.User is null ? string.Empty : $" for user '{target.User}'")} ({said}). Add the runner's public key to ~{target.User}/.ssh/authorized_keys on the host, and give the private key through ssh-agent (SSH_AUTH_SOCK) or the SSH key path setting.");
        if (Has(stderr, "remote port forwarding failed") || Has(stderr, "local forwarding") || Has(stderr, "cannot listen"))
            return new(RemoteHostFailure.ForwardRefused,
                $"ssh reached {target} but could not set up the tunnel ({said}). A port on the host used by the reverse tunnel (the local registry's) is already taken there, or the server forbids forwarding (AllowTcpForwarding / AllowStreamLocalForwarding in sshd_config must not be 'no').");
        if (UnreachableSigns.Any(sign => Has(stderr, sign)))
            return new(RemoteHostFailure.Unreachable,
                $"Cannot reach {target} ({said}). Check the host name and port, that sshd runs on the server, and that its firewall lets this runner in.");
        return new(RemoteHostFailure.TunnelFailed, $"ssh to {target} exited before the tunnel was ready ({said}).");
    }

    /// <summary>
    /// True when sshd refused to connect a forwarded channel to the engine's socket ("channel N: open failed"): sshd
    /// says no more than that, so <see cref="SshEngineDiagnosis"/> asks the host why.
    /// </summary>
    public static bool EngineChannelRefused(IReadOnlyList<string> stderr) => Has(stderr, "open failed");

    private static readonly string[] UnreachableSigns =
    [
        "Connection refused", "Connection timed out", "Operation timed out", "No route to host", "Network is unreachable",
        "Could not resolve hostname", "Name or service not known", "Connection closed by", "Connection reset", "kex_exchange_identification",
    ];

    private static bool Has(IReadOnlyList<string> lines, string text) =>
        lines.Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase));

    // The last meaningful line ssh printed, quoted in the message; the banner of a changed key is many lines of '@'.
    private static string Said(IReadOnlyList<string> stderr) =>
        stderr.LastOrDefault(line => line.Trim().Length > 0 && !line.StartsWith("@@@", StringComparison.Ordinal))?.Trim() ?? "no output";
}
