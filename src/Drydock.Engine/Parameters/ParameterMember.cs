using System.Reflection;

namespace Drydock.Engine.Parameters;

/// <summary>One [Parameter] field or property of a build, with its three spellings and its default.</summary>
public sealed class ParameterMember
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    private ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        _field = member as FieldInfo;
        _property = member as PropertyInfo;
        MemberName = attribute.Name ?? member.Name;
        Description = attribute.Description;
        IsSecret = member.IsDefined(typeof(SecretAttribute));
        Type = _field?.FieldType ?? _property!.PropertyType;
        DeclaringType = member.DeclaringType!;
    }

    public string MemberName { get; }
    public string CommandLineName => "--" + ParameterNames.ToKebab(MemberName);
    public string EnvironmentName => ParameterNames.ToEnvironment(MemberName);
    public string Description { get; }
    public bool IsSecret { get; }
    public Type Type { get; }
    public Type DeclaringType { get; }
    public bool IsFlag => (Nullable.GetUnderlyingType(Type) ?? Type) == typeof(bool);
    public bool IsList => Type.IsArray;

    public object? GetValue(object build) => _field is not null ? _field.GetValue(build) : _property!.GetValue(build);

    public void SetValue(object build, object? value)
    {
        if (_field is not null)
            _field.SetValue(build, value); // readonly fields too: the build declares them readonly, the engine fills them once
        else if (_property!.SetMethod is not null)
            _property.SetValue(build, value);
        else
            BackingField(_property).SetValue(build, value);
    }

    /// <summary>All parameters of a build type; the build's own (most derived) come first, as --help lists them.</summary>
    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var members = new List<ParameterMember>();
        for (var t = buildType; t is not null && t != typeof(object); t = t.BaseType)
            members.AddRange(t.GetMembers(flags)
                .Where(m => m is FieldInfo or PropertyInfo)
                .OrderBy(m => m.MetadataToken)
                .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
                .Where(x => x.Attribute is not null)
                .Select(x => new ParameterMember(x.Member, x.Attribute!)));
        return members;
    }

    private static FieldInfo BackingField(PropertyInfo property) =>
        property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"Parameter property {property.Name} has no setter and no backing field: make it an auto-property or a field.");
}
