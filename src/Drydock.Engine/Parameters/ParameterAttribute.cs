namespace Drydock.Engine.Parameters;

/// <summary>
/// A value the build reads from, in this order: the command line (--registry-url), the environment (DRYDOCK_REGISTRY_URL),
/// .nuke/parameters.json, then the --profile files (.nuke/parameters.NAME.json). The member's initial value is the default.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>Overrides the name derived from the member (PascalCase → --kebab-case, UPPER_SNAKE).</summary>
    public string? Name { get; init; }
}

/// <summary>Never printed, never placed on a tool's command line, and masked wherever its value would appear in output.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
