namespace Drydock.Docker;

/// <summary><c>docker swarm init --advertise-addr ip</c>: makes this engine the first manager.</summary>
public sealed record DockerSwarmInitSettings(string AdvertiseAddress) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["swarm", "init", "--advertise-addr", AdvertiseAddress];
}

/// <summary>
/// <c>docker swarm join-token --quiet worker|manager</c>: prints the token alone. The token admits an engine to the
/// cluster: treat the output as a secret (mask it, never log it).
/// </summary>
public sealed record DockerSwarmJoinTokenSettings(SwarmRole Role) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["swarm", "join-token", "--quiet", Role == SwarmRole.Manager ? "manager" : "worker"];
}

/// <summary>
/// <c>docker swarm join --token … manager:2377</c>. The token is on this command line by necessity (the CLI takes it no
/// other way), so run it on the joining node (e.g. over SSH, whose command line stays on that node) with echo off.
/// </summary>
public sealed record DockerSwarmJoinSettings(string Token, string ManagerAddress) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["swarm", "join", "--token", Token, ManagerAddress];

    public override string ToString() => $"docker swarm join --token *** {ManagerAddress}";
}

/// <summary><c>docker swarm leave [--force]</c>.</summary>
public sealed record DockerSwarmLeaveSettings : IDockerSettings
{
    public bool Force { get; init; }

    public IReadOnlyList<string> ToArguments() => new ArgumentList("swarm", "leave").Flag("--force", Force).ToList();
}

public enum SwarmRole
{
    Worker,
    Manager,
}

/// <summary><c>docker network inspect name</c>: fails when there is no such network (how its existence is checked).</summary>
public sealed record DockerNetworkInspectSettings(string Name) : IDockerSettings
{
    public IReadOnlyList<string> ToArguments() => ["network", "inspect", "--format", "{{.Id}}", Name];
}
