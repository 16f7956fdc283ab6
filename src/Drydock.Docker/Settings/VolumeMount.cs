namespace Drydock.Docker;

/// <summary>A named volume or host path mounted into a container: <c>-v source:target[:ro]</c>.</summary>
public sealed record VolumeMount(string Source, string Target, bool ReadOnly = false)
{
    public override string ToString() => $"{Source}:{Target}" + (ReadOnly ? ":ro" : string.Empty);
}
