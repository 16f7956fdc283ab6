namespace Drydock.Deploy;

/// <summary>What a container labelled with an app and environment is for.</summary>
public enum ContainerRole
{
    /// <summary>Serves (or served, when retained stopped for rollback) the environment on its real port.</summary>
    Release,

    /// <summary>A new release verified on a temporary loopback port before the swap; never outlives a deploy.</summary>
    Candidate,

    /// <summary>Created, never started: the environment's deploy lock.</summary>
    Lock,

    /// <summary>Created, never started: mounts the state volume so the history can be read and written with docker cp.</summary>
    State,
}
