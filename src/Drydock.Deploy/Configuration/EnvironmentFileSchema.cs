using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Drydock.Engine.Parameters;

namespace Drydock.Deploy;

/// <summary>
/// What an environment file may say, from the one declaration of each key (<see cref="EnvironmentSettingTable"/>),
/// never listed by hand. <see cref="Problems"/> checks a parsed file against it: every unknown key (with the closest
/// valid one), every wrong type and every enum value outside its list, all at once. Keys read by records other than
/// <see cref="EnvironmentConfig"/> are checked by those records (<see cref="EnvironmentHost"/>, <see cref="EnvironmentHttps"/>).
/// </summary>
public static class EnvironmentFileSchema
{
    /// <summary>Top-level keys read by records other than <see cref="EnvironmentConfig"/> (where it runs, not what it is).</summary>
    public static IReadOnlyList<string> SeparateKeys { get; } =
        [.. EnvironmentSettingTable.All.Where(s => s.Record != SettingRecord.Config).Select(s => s.TopLevelKey).Distinct(StringComparer.Ordinal)];

    /// <summary>Every key valid at the top of the file.</summary>
    public static IReadOnlyList<string> TopLevelKeys { get; } = [.. EnvironmentSettingTable.All.Select(s => s.TopLevelKey).Distinct(StringComparer.Ordinal)];

    /// <summary>Every problem of the file's object, each naming the file and the key (nested ones as <c>healthCheck.interval</c>).</summary>
    public static IReadOnlyList<string> Problems(JsonObject file, string source)
    {
        var problems = new List<string>();
        Check(file, prefix: "", source, problems);
        return problems;
    }

    /// <summary>The keys one level below <paramref name="prefix"/>: a leaf's setting, or null for an object of further keys.</summary>
    private static Dictionary<string, EnvironmentSetting?> Children(string prefix)
    {
        var children = new Dictionary<string, EnvironmentSetting?>(StringComparer.Ordinal);
        foreach (var setting in EnvironmentSettingTable.All.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var rest = setting.Key[prefix.Length..];
            var dot = rest.IndexOf('.');
            children.TryAdd(dot < 0 ? rest : rest[..dot], dot < 0 ? setting : null);
        }
        return children;
    }

    private static void Check(JsonObject node, string prefix, string source, List<string> problems)
    {
        var children = Children(prefix);
        foreach (var (key, value) in node)
        {
            if (!children.TryGetValue(key, out var setting))
            {
                var valid = children.Keys.ToList();
                problems.Add(Suggestions.Closest(key, valid) is { } closest
                    ? $"{source}: unknown key \"{prefix}{key}\". Did you mean '{prefix}{closest}'?"
                    : $"{source}: unknown key \"{prefix}{key}\". Valid keys{(prefix.Length > 0 ? " in " + prefix.TrimEnd('.') : "")}: {string.Join(", ", valid)}.");
                continue;
            }
            if (setting is { Record: not SettingRecord.Config })
                continue; // read and checked by its own record (e.g. EnvironmentHost)
            if (setting is null)
            {
                if (value is not null and not JsonObject)
                    problems.Add($"{source}: \"{prefix}{key}\" must be an object {{ … }}, found {Found(value)}");
                else if (value is JsonObject nested)
                    Check(nested, prefix + key + ".", source, problems);
                continue;
            }
            if (Problem(value, setting.Type, prefix + key, source) is { } problem)
                problems.Add(problem);
        }
    }

    /// <summary>What is wrong with one value, or null.</summary>
    private static string? Problem(JsonNode? value, Type type, string key, string source)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? $"{source}: \"{key}\" must be {Expected(target)}, found null" : null;
        if (target.IsEnum)
            return value is JsonValue text && text.TryGetValue<string>(out var name) && Enum.TryParse(target, name, ignoreCase: true, out _) && !int.TryParse(name, out _)
                ? null
                : $"{source}: \"{key}\" is {Found(value)}, which is not one of: {string.Join(", ", EnumNames(target))}";
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
