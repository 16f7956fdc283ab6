namespace Drydock.Testing.Nodes;

/// <summary>
/// What a node runs as its command: installs the run's public key for root, makes host keys, starts sshd and then
/// becomes dockerd (or, for a node standing in for a host without Docker, removes Docker's programs and keeps sshd in
/// the foreground instead).
/// The key arrives in an environment variable: it is public, and nothing is interpolated into the script.
/// </summary>
public static class NodeEntrypoint
{
    public const string AuthorizedKeyVariable = "NODE_AUTHORIZED_KEY";

    public const string EngineVariable = "NODE_ENGINE";

    public const string Script =
        """
        set -eu
        mkdir -p /root/.ssh /run/sshd
        chmod 700 /root/.ssh
        printf '%s\n' "$NODE_AUTHORIZED_KEY" > /root/.ssh/authorized_keys
        chmod 600 /root/.ssh/authorized_keys
        ssh-keygen -A >/dev/null
        if [ "$NODE_ENGINE" = "1" ]; then
          /usr/sbin/sshd -e
          exec dockerd --host unix:///var/run/docker.sock
        fi
        # A host without Docker: its programs removed from this container only (the image keeps them).
        rm -f /usr/bin/docker /usr/sbin/dockerd /usr/bin/dockerd
        exec /usr/sbin/sshd -D -e
        """;

    public static IReadOnlyList<string> Command => ["/bin/sh", "-c", Script];
}
