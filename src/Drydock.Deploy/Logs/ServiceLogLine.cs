using System.Text.Json;

namespace Drydock.Deploy;

/// <summary>
/// One line of a container's output made readable: the JSON console format of .NET
/// (<c>{"Timestamp":…,"LogLevel":"Information","Category":"…","Message":"…","Exception":…}</c>) becomes
/// <c>time level category: message</c>; anything else, and every line with <c>raw</c>, is shown as it came. Pure.
/// </summary>
public static class ServiceLogLine
{
    public static string Format(string line, bool raw)
    {
        if (raw || !line.TrimStart().StartsWith('{'))
            return line;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "Message") is not { } message)
                return line;
            var level = Level(Text(root, "LogLevel"));
            var time = Text(root, "Timestamp") is { } stamp && DateTimeOffset.TryParse(stamp, out var at) ? at.ToString("HH:mm:ss.fff ") : string.Empty;
            var category = Text(root, "Category") is { } c ? c[(c.LastIndexOf('.') + 1)..] + ": " : string.Empty;
            var exception = Text(root, "Exception") is { Length: > 0 } e ? "\n    " + e.ReplaceLineEndings("\n    ") : string.Empty;
            return $"{time}{level} {category}{message}{exception}";
        }
        catch (JsonException)
        {
            return line;
        }
    }

    private static string Level(string? level) => level switch
    {
        "Trace" => "trce",
        "Debug" => "dbug",
        "Information" => "info",
        "Warning" => "WARN",
        "Error" => "FAIL",
        "Critical" => "CRIT",
        _ => level ?? "----",
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
