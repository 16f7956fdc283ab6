using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Edge.Contract;

/// <summary>
/// The share of requests a canary gets, in basis points (1 = 0.01%), strictly between none and all. Written as a
/// percentage everywhere a person types it (<c>--canary 10%</c>, <c>"canary": "10%"</c>, the edge's <c>--share</c>) and
/// on the wire: <c>"10%"</c>; <c>2.5%</c> and <c>10</c> (a percentage without the sign) are read too.
/// </summary>
[JsonConverter(typeof(CanaryShareJsonConverter))]
public readonly record struct CanaryShare
{
    public const int AllBasisPoints = 10_000;

    private CanaryShare(int basisPoints) => BasisPoints = basisPoints;

    public int BasisPoints { get; }

    public double Percent => BasisPoints / 100.0;

    /// <summary>Null and a message naming the fix when <paramref name="text"/> is not a share.</summary>
    public static CanaryShare? TryParse(string? text, out string? problem)
    {
        var trimmed = (text ?? string.Empty).Trim();
        var number = trimmed.EndsWith('%') ? trimmed[..^1].TrimEnd() : trimmed;
        problem = null;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || double.IsNaN(percent))
            problem = $"'{text}' is not a share of requests; give a percentage, e.g. 10%";
        else if (Math.Round(percent * 100) is var points && (points < 1 || points >= AllBasisPoints))
            problem = $"'{text}' is not strictly between 0% and 100%; a canary gets some of the traffic, not none or all (e.g. 10%)";
        else
            return new CanaryShare((int)Math.Round(percent * 100));
        return null;
    }

    /// <summary>Throws <see cref="FormatException"/> with the fix when <paramref name="text"/> is not a share.</summary>
    public static CanaryShare Parse(string text) => TryParse(text, out var problem) ?? throw new FormatException(problem);

    public override string ToString() => Percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

/// <summary>A share is <c>"10%"</c> in JSON; anything else is a <see cref="JsonException"/> naming the fix.</summary>
public sealed class CanaryShareJsonConverter : JsonConverter<CanaryShare>
{
    public override CanaryShare Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => throw new JsonException("A canary share is a percentage string, e.g. \"10%\"."),
        };
        return CanaryShare.TryParse(text, out var problem) ?? throw new JsonException(problem);
    }

    public override void Write(Utf8JsonWriter writer, CanaryShare value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
