namespace Drydock.Registry;

/// <summary>
/// The registry did not answer at all (connection refused, no route, DNS, timeout): said with its address and what
/// to check, instead of a bare socket error. Callers add what was (not) changed.
/// </summary>
public sealed class RegistryUnreachableException(string registry, string reason, Exception inner)
    : RegistryException($"The registry at {registry} does not answer ({reason}). Check --registry (the address given, or the local registry when none is) and that the registry runs.", inner)
{
    public string Registry { get; } = registry;
}
