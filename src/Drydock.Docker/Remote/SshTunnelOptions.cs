namespace Drydock.Docker;

/// <summary>What a run needs to open its tunnel to one host. Secrets are not here: the key stays in ssh-agent or its file.</summary>
public sealed record SshTunnelOptions(SshTarget Target)
{
    /// <summary>The name of the variable CI passes known_hosts lines in (a secret, so a changed key is noticed).</summary>
    public const string KnownHostsVariable = "SSH_KNOWN_HOSTS";

    /// <summary>known_hosts lines (SSH_KNOWN_HOSTS); written to a private file for the run. Wins over <see cref="KnownHostsFile"/>.</summary>
    public string? KnownHostsContents { get; init; }

    /// <summary>A known_hosts file; null with no contents uses ssh's default (~/.ssh/known_hosts).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>A private key file; null uses ssh-agent.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>The ssh-agent socket to take the key from; null inherits SSH_AUTH_SOCK (as CI's ssh-agent step sets it).</summary>
    public string? AgentSocket { get; init; }

    /// <summary>What the ssh process gets on top of the build's environment: only the agent's socket, when one is named.</summary>
    public IReadOnlyDictionary<string, string?> SshEnvironment =>
        AgentSocket is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = AgentSocket };

    public IReadOnlyList<SshReverseForward> ReverseForwards { get; init; } = [];

    public string RemoteSocket { get; init; } = SshTunnelSettings.DefaultRemoteSocket;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the forwarded socket may take to answer once ssh is up.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string SshExecutable { get; init; } = "ssh";

    /// <summary>Where the host's key is expected, as the error messages name it.</summary>
    public string KnownHostsSource =>
        KnownHostsContents is not null ? KnownHostsVariable : KnownHostsFile ?? "~/.ssh/known_hosts";

    /// <summary>Reads SSH_KNOWN_HOSTS from the environment when it is set and non-empty.</summary>
    public SshTunnelOptions WithKnownHostsFromEnvironment(Func<string, string?> variable) =>
        variable(KnownHostsVariable) is { Length: > 0 } contents ? this with { KnownHostsContents = contents } : this;

    /// <summary>The ssh invocation for a run whose private files live in <paramref name="privateDirectory"/>.</summary>
    public SshTunnelSettings Settings(string privateDirectory) =>
        new(
            new SshConnectionSettings(Target)
            {
                KnownHostsFile = KnownHostsContents is not null ? KnownHostsPath(privateDirectory) : KnownHostsFile,
                IdentityFile = IdentityFile,
                ConnectTimeout = ConnectTimeout,
            },
            SocketPath(privateDirectory))
        {
            Executable = SshExecutable,
            RemoteSocket = RemoteSocket,
            ReverseForwards = ReverseForwards,
        };

    public static string SocketPath(string privateDirectory) => Path.Combine(privateDirectory, "docker.sock");

    public static string KnownHostsPath(string privateDirectory) => Path.Combine(privateDirectory, "known_hosts");
}
