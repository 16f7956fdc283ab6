namespace Drydock.Docker;

public enum ContainerChangeKind
{
    Added,
    Changed,
    Deleted,
}

/// <summary>One line of <c>docker diff</c>: a path the container added, changed or deleted in its writable layer.</summary>
public sealed record ContainerChange(ContainerChangeKind Kind, string Path);
