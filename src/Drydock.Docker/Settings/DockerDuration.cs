using System.Globalization;
using System.Text;

namespace Drydock.Docker;

/// <summary>Renders a TimeSpan the way Go's time.ParseDuration reads it (<c>1m30s</c>, <c>500ms</c>), which docker flags expect.</summary>
public static class DockerDuration
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(value), value, "Docker durations cannot be negative.");
        if (value == TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        Append(text, (long)value.TotalHours, "h");
        Append(text, value.Minutes, "m");
        Append(text, value.Seconds, "s");
        Append(text, value.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount > 0)
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
    }
}
