using Drydock.Docker;

namespace Drydock.Testing.Nodes;

/// <summary>One nested engine standing in for a server: reachable from the runner only over SSH on a loopback port.</summary>
public sealed record TestNode(string Name, string Volume, int SshPort, int? AppPort, bool HasEngine)
{
    /// <summary>The node's host key as a known_hosts line, read from the container itself (not trusted on first use).</summary>
    public string KnownHostsLine { get; init; } = string.Empty;

    public SshTarget Target => new("root", "127.0.0.1", SshPort);

    /// <summary><c>ssh://root@127.0.0.1:port</c>: what DOCKER_HOST or a host setting takes.</summary>
    public string SshUrl => Target.ToString();
}

/// <summary>How many nodes, on which ports, and which of them run no engine.</summary>
public sealed record NodeClusterOptions(string Prefix, int SshPortBase)
{
    public int Count { get; init; } = 1;

    /// <summary>When set, node i publishes <see cref="AppContainerPort"/> on 127.0.0.1:(AppPortBase + i).</summary>
    public int? AppPortBase { get; init; }

    public int AppContainerPort { get; init; } = 80;

    /// <summary>More ports the FIRST node publishes on 127.0.0.1 under the same number (the numbers are fixed, so one node has them), e.g. a host-wide edge's HTTP and HTTPS, or a swarm manager's second environment.</summary>
    public IReadOnlyList<int> SamePorts { get; init; } = [];

    /// <summary>Indexes of nodes that run sshd only: hosts without a Docker engine.</summary>
    public IReadOnlySet<int> WithoutEngine { get; init; } = new HashSet<int>();

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The label every container, volume and network of one cluster carries.</summary>
    public const string Label = "dev.drydock.test.node";
}
