namespace Drydock.Deploy;

/// <summary>
/// A container's name on the engine, without the slash <c>docker inspect</c> puts before it. Converts to the string
/// docker takes, so it goes wherever a name did; it is never made from one by accident.
/// </summary>
public sealed record ContainerName
{
    public ContainerName(string value)
    {
        var name = value?.TrimStart('/') ?? "";
        Value = name.Length > 0 ? name : throw new ArgumentException("A container name cannot be empty.", nameof(value));
    }

    public string Value { get; }

    public static implicit operator string(ContainerName name) => name.Value;

    public override string ToString() => Value;
}
