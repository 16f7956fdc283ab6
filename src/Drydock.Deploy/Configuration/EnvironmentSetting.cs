using Drydock.Engine.Parameters;

namespace Drydock.Deploy;

/// <summary>Which record reads a key: what a release is (recorded with it), where it runs, or how the host-wide edge serves it.</summary>
public enum SettingRecord
{
    Config,
    Host,
    Https,
}

/// <summary>
/// One key of <c>.nuke/environments/&lt;env&gt;.json</c>, declared once in <see cref="EnvironmentSettingTable"/>: its key
/// (nested ones as <c>verification.window</c>), the record property's type and default, what it means, and the build
/// parameter that overrides it, if any. The parameter's name and help, the file's valid keys and the merge all come from here.
/// </summary>
public sealed record EnvironmentSetting(string Key, Type Type, object? Default, string Description)
{
    public SettingRecord Record { get; init; } = SettingRecord.Config;

    /// <summary>The parameter's member name (<c>HostPort</c>: <c>--host-port</c>, <c>HOST_PORT</c>); null: the file alone sets it.</summary>
    public string? Parameter { get; init; }

    /// <summary>The parameter's type when it is not the property's made nullable (a list for a map, text for a parsed value).</summary>
    public Type? ParameterType { get; init; }

    /// <summary>What applies when neither the command line nor the file sets it, in words; null: <see cref="Default"/>.</summary>
    public string? Fallback { get; init; }

    /// <summary>What a run of the build uses when neither sets it, when that differs from the record's <see cref="Default"/>.</summary>
    public object? RunDefault { get; init; }

    /// <summary>The parameter adds to the file's value (<c>--env</c>, <c>--secret-env</c>) instead of replacing it.</summary>
    public bool Adds { get; init; }

    public bool IsSecret { get; init; }

    /// <summary>The key's first segment, as it is written at the top of the file.</summary>
    public string TopLevelKey => Key.Split('.')[0];

    /// <summary>The default as the docs and --help say it.</summary>
    public string DefaultText => Fallback ?? SettingText.Format(RunDefault ?? Default);

    public ParameterDeclaration? AsParameter => Parameter is null ? null : new ParameterDeclaration(Parameter, ParameterType ?? NullableOf(Type), Help)
    {
        IsSecret = IsSecret,
    };

    private string Help => Adds
        ? $"{Description} (added to the environment's \"{Key}\")"
        : $"{Description} (default: the environment's \"{Key}\"{(DefaultText.Length > 0 ? ", else " + DefaultText : "")})";

    private static Type NullableOf(Type type) =>
        type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type)
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0].MakeArrayType()
        : type;
}
