using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>Durations in config files as people write them: <c>"30s"</c>, <c>"2m"</c>, <c>"1m30s"</c>, <c>"500ms"</c>, or a number of seconds.</summary>
public sealed partial class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => TimeSpan.FromSeconds(reader.GetDouble()),
            JsonTokenType.String => Parse(reader.GetString()!),
            _ => throw new JsonException("A duration is a number of seconds or a text such as \"30s\" or \"2m\"."),
        };

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(DockerDuration.Format(value));

    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        var matches = Part().Matches(trimmed);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != trimmed)
            throw new JsonException($"'{text}' is not a duration (examples: 30s, 2m, 1m30s, 500ms).");
        return matches.Aggregate(TimeSpan.Zero, (total, m) =>
        {
            var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return total + m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        });
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
