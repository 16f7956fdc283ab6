using System.Reflection;

namespace Drydock.Engine.Parameters;

/// <summary>One [Parameter] field or property of a build, or one declared parameter, with its three spellings and its default.</summary>
public sealed class ParameterMember
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;
    private readonly ParameterDeclaration? _declaration;

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

    private ParameterMember(ParameterDeclaration declaration, Type declaringType)
    {
        _declaration = declaration;
        MemberName = declaration.MemberName;
        Description = declaration.Description;
        IsSecret = declaration.IsSecret;
        Type = declaration.Type;
        DeclaringType = declaringType;
    }

    public string MemberName { get; }
    public string CommandLineName => "--" + ParameterNames.ToKebab(MemberName);
    public string EnvironmentName => ParameterNames.ToEnvironment(MemberName);

    /// <summary>The unprefixed environment variable still read when <see cref="EnvironmentName"/> is not set; null: not read.</summary>
    public string? DeprecatedEnvironmentName => ParameterNames.ToDeprecatedEnvironment(MemberName);
    public string Description { get; }
    public bool IsSecret { get; }
    public Type Type { get; }
    public Type DeclaringType { get; }
    public bool IsFlag => (Nullable.GetUnderlyingType(Type) ?? Type) == typeof(bool);
    public bool IsList => Type.IsArray;

    public object? GetValue(object build) =>
        _declaration is not null ? Declared(build)[MemberName] : _field is not null ? _field.GetValue(build) : _property!.GetValue(build);

    public void SetValue(object build, object? value)
    {
        if (_declaration is not null)
            Declared(build)[MemberName] = value;
        else if (_field is not null)
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
        {
            members.AddRange(t.GetMembers(flags)
                .Where(m => m is FieldInfo or PropertyInfo)
                .OrderBy(m => m.MetadataToken)
                .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
                .Where(x => x.Attribute is not null)
                .Select(x => new ParameterMember(x.Member, x.Attribute!)));
            members.AddRange(DeclaredBy(t).Select(d => new ParameterMember(d, t)));
        }
        return members;
    }

    /// <summary>The declared parameters of the type that implements <see cref="IDeclaresParameters"/> (not of its subclasses again).</summary>
    private static IReadOnlyList<ParameterDeclaration> DeclaredBy(Type type)
    {
        if (!typeof(IDeclaresParameters).IsAssignableFrom(type) || typeof(IDeclaresParameters).IsAssignableFrom(type.BaseType))
            return [];
        var property = type.GetProperty(nameof(IDeclaresParameters.DeclaredParameters), BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            ?? throw new InvalidOperationException($"{type.Name} implements {nameof(IDeclaresParameters)}: declare {nameof(IDeclaresParameters.DeclaredParameters)} as a public static property.");
        return (IReadOnlyList<ParameterDeclaration>)property.GetValue(null)!;
    }

    private static ParameterValues Declared(object build) =>
        (build as IDeclaresParameters)?.DeclaredValues ?? throw new InvalidOperationException($"{build.GetType().Name} has declared parameters but is not {nameof(IDeclaresParameters)}.");

    private static FieldInfo BackingField(PropertyInfo property) =>
        property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"Parameter property {property.Name} has no setter and no backing field: make it an auto-property or a field.");
}
