using System.Text.Json;

namespace Drydock.Docker;

/// <summary>Lenient readers for docker's JSON, where absent and null mean the same thing.</summary>
internal static class JsonElementExtensions
{
    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null
            ? child
            : null;

    public static string? String(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.String } child ? child.GetString() : null;

    public static bool Bool(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.True };

    public static int Int(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Number } child ? child.GetInt32() : 0;

    public static long Long(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Number } child ? child.GetInt64() : 0;

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];

    public static IReadOnlyDictionary<string, string> StringMap(this JsonElement element, string name) =>
        element.Child(name) is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : new Dictionary<string, string>();
}
