namespace Drydock.Deploy;

/// <summary>What an environment's releases run on (<c>"platform"</c> in its file, <c>--platform</c>).</summary>
public enum DeployPlatform
{
    /// <summary>Containers on one Docker engine (local, or remote through <c>"host"</c>).</summary>
    Engine,

    /// <summary>Services on a Docker Swarm cluster whose manager is the environment's <c>"host"</c>.</summary>
    Swarm,
}
