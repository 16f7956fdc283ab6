namespace Drydock.Docker;

/// <summary>What went wrong reaching a remote engine; each kind has its own fix in the message.</summary>
public enum RemoteHostFailure
{
    Unreachable,
    HostKeyUnknown,
    HostKeyChanged,
    KeyRefused,
    ForwardRefused,
    NoEngine,
    EngineAccessDenied,
    EngineTooOld,
    TunnelFailed,

    /// <summary>The run's SSH connection ended while it worked on the host (network, sshd restarted, ssh killed).</summary>
    ConnectionDropped,
}

/// <summary>
/// A remote host could not be used; the message names the fix. Thrown before anything on the host changed, except
/// <see cref="RemoteHostFailure.ConnectionDropped"/>, which says what it means for the host.
/// </summary>
public sealed class RemoteHostException(RemoteHostFailure failure, string message) : Exception(message)
{
    public RemoteHostFailure Failure { get; } = failure;
}
