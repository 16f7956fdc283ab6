namespace Drydock.Docker;

/// <summary>What <c>docker service inspect</c> says about one service's current spec and its last update.</summary>
public sealed record SwarmService(string Id, string Name, string Image)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The task environment as <c>NAME → value</c> (docker stores <c>NAME=value</c> strings).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Null for a global service.</summary>
    public int? Replicas { get; init; }

    public bool Global => Replicas is null;

    /// <summary><c>dnsrr</c> or <c>vip</c>.</summary>
    public string EndpointMode { get; init; } = "vip";

    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary><c>updating</c>, <c>paused</c>, <c>completed</c>, <c>rollback_started</c>, <c>rollback_completed</c>…; null before any update.</summary>
    public string? UpdateState { get; init; }

    public string? UpdateMessage { get; init; }
}

/// <summary>One line of <c>docker service ps</c>: a task, the node it was placed on, and its states.</summary>
public sealed record SwarmTask(string Id, string Name, string Image, string Node, string DesiredState, string CurrentState)
{
    /// <summary>The task's error (e.g. <c>task: non-zero exit (1)</c>, <c>No such image</c>); empty when none.</summary>
    public string Error { get; init; } = string.Empty;

    /// <summary>The state word of <see cref="CurrentState"/>, lower case: <c>running</c> of <c>Running 22 seconds ago</c>.</summary>
    public string State => CurrentState.Split(' ', 2)[0].ToLowerInvariant();

    public bool IsRunning => State == "running" && DesiredState.Equals("running", StringComparison.OrdinalIgnoreCase);

    /// <summary>The service name of <c>web.1</c> (replicated) or <c>web.nodeid</c> (global).</summary>
    public string Service => Name.Contains('.') ? Name[..Name.LastIndexOf('.')] : Name;
}

/// <summary>What <c>docker node inspect</c> says about one node.</summary>
public sealed record SwarmNode(string Id, string Hostname, SwarmRole Role, string Status, string Availability)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The address the node talks to the cluster from.</summary>
    public string Address { get; init; } = string.Empty;

    public bool IsLeader { get; init; }

    /// <summary>Ready and active: swarm places tasks on it.</summary>
    public bool IsAvailable => Status == "ready" && Availability == "active";
}
