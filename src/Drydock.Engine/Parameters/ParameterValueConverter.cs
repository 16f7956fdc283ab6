using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Drydock.Engine.Parameters;

/// <summary>Turns text (command line, environment) or JSON (parameters files) into a parameter's declared type.</summary>
public static partial class ParameterValueConverter
{
    public static object? FromText(Type type, IReadOnlyList<string> values, Func<string> describe)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
        {
            var element = underlying.GetElementType()!;
            // "a,b" and "a b" both give two items, so environment variables can carry lists too.
            var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(Single(element, items[i], describe), i);
            return array;
        }
        if (values.Count == 0)
            return underlying == typeof(bool) ? true : throw new ParameterException($"{describe()} needs a value ({TypeName(type)}).");
        if (values.Count > 1)
            throw new ParameterException($"{describe()} takes one value ({TypeName(type)}), but got {values.Count}: {string.Join(' ', values)}.");
        return Single(underlying, values[0], describe);
    }

    public static object? FromJson(Type type, JsonElement json, Func<string> describe)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return json.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Array when underlying.IsArray => FromText(type, json.EnumerateArray().Select(Raw).ToList(), describe),
            JsonValueKind.Array => throw new ParameterException($"{describe()} expects {TypeName(type)}, but got a list."),
            JsonValueKind.Object => throw new ParameterException($"{describe()} expects {TypeName(type)}, but got an object."),
            _ => FromText(type, [Raw(json)], describe),
        };
    }

    public static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
            return $"a list of {TypeName(underlying.GetElementType()!)} values";
        if (underlying.IsEnum)
            return $"one of {string.Join(", ", Enum.GetNames(underlying))}";
        return underlying switch
        {
            _ when underlying == typeof(string) => "text",
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(double) => "a number",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(TimeSpan) => "a duration (e.g. 30s, 5m, 1h30m, 00:01:30)",
            _ => underlying.Name,
        };
    }

    /// <summary>How a value is shown in --help.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => FormatDuration(t),
        Array a => string.Join(", ", a.Cast<object?>().Select(Format)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static object Single(Type type, string text, Func<string> describe)
    {
        object? value = type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            _ when type == typeof(bool) => ParseBool(text),
            _ when type == typeof(TimeSpan) => ParseDuration(text),
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(type, name) : null,
            _ => throw new ParameterException($"{describe()} has type {type.Name}, which parameters do not support (use text, numbers, true/false, enums, durations or lists)."),
        };
        return value ?? throw new ParameterException($"{describe()} expects {TypeName(type)}, but got '{text}'.");
    }

    private static object? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => null,
    };

    private static object? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text.Trim());
        if (match.Success && match.Groups.Values.Skip(1).Any(g => g.Success))
        {
            double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
            return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    private static string FormatDuration(TimeSpan t) =>
        t.TotalMilliseconds % 1000 != 0 ? $"{t.TotalMilliseconds}ms"
        : t.TotalSeconds < 60 || t.TotalSeconds % 60 != 0 ? $"{t.TotalSeconds}s"
        : t.TotalMinutes < 60 || t.TotalMinutes % 60 != 0 ? $"{t.TotalMinutes}m"
        : $"{t.TotalHours}h";

    private static string Raw(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$")]
    private static partial Regex DurationPattern();
}
