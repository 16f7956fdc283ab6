namespace Drydock.Deploy;

/// <summary>Another deploy or rollback holds the environment's lock; nothing was changed.</summary>
public sealed class DeployLockedException(string message, LockInfo holder) : DeployException(message)
{
    public LockInfo Holder { get; } = holder;
}
