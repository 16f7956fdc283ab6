using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Drydock.Engine.Parameters;

namespace Drydock.Deploy;

/// <summary>
/// What an environment file may say, derived from the definitions, never listed by hand: the JSON properties of
/// <see cref="EnvironmentConfig"/> (and of its nested records, e.g. <c>healthCheck</c>, <c>verification</c>) as
/// <see cref="DeployJson.Strict"/> reads them, plus the keys of separate records kept out of the release, each declared
/// as a <c>public static readonly string[] PropertyNames</c> beside its record (<see cref="EnvironmentHost.PropertyNames"/>).
/// A new key added either way is valid at once. <see cref="Problems"/> checks a parsed file against it: every unknown key
/// (with the closest valid one), every wrong type and every enum value outside its list, all at once.
/// </summary>
public static class EnvironmentFileSchema
{
    /// <summary>Top-level keys read by records other than <see cref="EnvironmentConfig"/> (where it runs, not what it is).</summary>
    public static IReadOnlyList<string> SeparateKeys { get; } = typeof(EnvironmentConfig).Assembly.GetTypes()
        .Select(type => type.GetField("PropertyNames", BindingFlags.Public | BindingFlags.Static))
        .Where(field => field is { IsInitOnly: true } && field.FieldType == typeof(string[]))
        .SelectMany(field => (string[])field!.GetValue(null)!)
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every key valid at the top of the file.</summary>
    public static IReadOnlyList<string> TopLevelKeys { get; } = [.. Properties(typeof(EnvironmentConfig)).Select(p => p.Name), .. SeparateKeys];

    /// <summary>Every problem of the file's object, each naming the file and the key (nested ones as <c>healthCheck.interval</c>).</summary>
    public static IReadOnlyList<string> Problems(JsonObject file, string source)
    {
        var problems = new List<string>();
        Check(file, typeof(EnvironmentConfig), prefix: "", SeparateKeys, source, problems);
        return problems;
    }

    private static void Check(JsonObject node, Type type, string prefix, IReadOnlyList<string> alsoValid, string source, List<string> problems)
    {
        var properties = Properties(type).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            if (alsoValid.Contains(key, StringComparer.Ordinal))
                continue; // read and checked by its own record (e.g. EnvironmentHost)
            if (!properties.TryGetValue(key, out var property))
            {
                var valid = properties.Keys.Concat(alsoValid).ToList();
                problems.Add(Suggestions.Closest(key, valid) is { } closest
                    ? $"{source}: unknown key \"{prefix}{key}\". Did you mean '{prefix}{closest}'?"
                    : $"{source}: unknown key \"{prefix}{key}\". Valid keys{(prefix.Length > 0 ? " in " + prefix.TrimEnd('.') : "")}: {string.Join(", ", valid)}.");
                continue;
            }
            if (Problem(value, property.PropertyType, prefix + key, source, problems) is { } problem)
                problems.Add(problem);
        }
    }

    /// <summary>What is wrong with one value, or null; nested objects are checked key by key instead.</summary>
    private static string? Problem(JsonNode? value, Type type, string key, string source, List<string> problems)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? $"{source}: \"{key}\" must be {Expected(target)}, found null" : null;
        if (target.IsEnum)
            return value is JsonValue text && text.TryGetValue<string>(out var name) && Enum.TryParse(target, name, ignoreCase: true, out _) && !int.TryParse(name, out _)
                ? null
                : $"{source}: \"{key}\" is {Found(value)}, which is not one of: {string.Join(", ", EnumNames(target))}";
        if (DeployJson.Strict.GetTypeInfo(target).Kind == JsonTypeInfoKind.Object)
        {
            if (value is not JsonObject nested)
                return $"{source}: \"{key}\" must be {Expected(target)}, found {Found(value)}";
            Check(nested, target, key + ".", [], source, problems);
            return null;
        }
        try
        {
            value.Deserialize(type, DeployJson.Strict);
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return $"{source}: \"{key}\" must be {Expected(target)}, found {Found(value)}";
        }
    }

    private static IEnumerable<JsonPropertyInfo> Properties(Type type) => DeployJson.Strict.GetTypeInfo(type).Properties;

    private static IEnumerable<string> EnumNames(Type type) => Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName);

    /// <summary>The expected type in the words of someone editing the file.</summary>
    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "a text in quotes",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ when type == typeof(TimeSpan) => "a duration such as \"30s\", \"2m\" or a number of seconds",
        _ when type.IsEnum => "one of: " + string.Join(", ", EnumNames(type)),
        _ => DeployJson.Strict.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Dictionary => "an object of \"NAME\": \"value\" pairs",
            JsonTypeInfoKind.Enumerable => "a list of texts, e.g. [\"a\", \"b\"]",
            JsonTypeInfoKind.Object => "an object { … }",
            _ => type.Name,
        },
    };

    private static string Found(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => $"the text {value.ToJsonString()}",
        JsonValueKind.Number => $"the number {value.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
