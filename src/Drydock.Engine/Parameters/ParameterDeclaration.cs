namespace Drydock.Engine.Parameters;

/// <summary>
/// A parameter declared as data instead of as a field, so a table (e.g. of an environment file's settings) can be the
/// one home of its name, type and description. Its value is kept in the build's <see cref="IDeclaresParameters.DeclaredValues"/>.
/// </summary>
public sealed record ParameterDeclaration(string MemberName, Type Type, string Description)
{
    public bool IsSecret { get; init; }
}

/// <summary>A build with declared parameters besides its [Parameter] members; --help, the schema and the resolver treat both alike.</summary>
public interface IDeclaresParameters
{
    /// <summary>Static, because the command line is parsed before the build exists.</summary>
    static abstract IReadOnlyList<ParameterDeclaration> DeclaredParameters { get; }

    ParameterValues DeclaredValues { get; }
}

/// <summary>The values of a build's declared parameters by member name; null (absent) when no source gave one.</summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public object? this[string memberName]
    {
        get => _values.GetValueOrDefault(memberName);
        internal set => _values[memberName] = value;
    }
}
