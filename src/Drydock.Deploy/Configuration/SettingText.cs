using System.Globalization;
using System.Text.Json;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>A setting's type and default as a person editing the environment file reads them (the docs' table, --help).</summary>
public static class SettingText
{
    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        TimeSpan duration => DockerDuration.Format(duration),
        Enum choice => JsonNamingPolicy.CamelCase.ConvertName(choice.ToString()),
        System.Collections.ICollection { Count: 0 } => "",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string TypeName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(string) => "text",
            _ when target == typeof(bool) => "true/false",
            _ when target == typeof(int) => "whole number",
            _ when target == typeof(double) => "number",
            _ when target == typeof(TimeSpan) => "duration",
            _ when target.IsEnum => string.Join(" | ", Enum.GetNames(target).Select(JsonNamingPolicy.CamelCase.ConvertName)),
            _ when target == typeof(IReadOnlyDictionary<string, string>) => "map of texts",
            _ when target == typeof(IReadOnlyList<string>) => "list of texts",
            _ when target == typeof(Drydock.Edge.Contract.CanaryShare) => "percentage",
            _ => target.Name,
        };
    }
}
