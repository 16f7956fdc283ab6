using System.Text.Json;
using Drydock.Edge.Contract;

namespace Drydock.Deploy;

/// <summary>
/// The edge's access lines (<see cref="AccessLine"/>: one JSON object per forwarded request, its status and duration in
/// <c>State</c>) as a <see cref="TrafficSample"/>: where the edges' metrics cannot be asked (a cluster's edges have no admin port), their
/// request log says the same. Any other line (start-up, warnings, another format) is skipped. Pure.
/// </summary>
public static class EdgeAccessLog
{
    public static TrafficSample Sample(IEnumerable<string> lines)
    {
        var durations = new List<double>();
        long errors = 0;
        foreach (var line in lines)
        {
            if (Request(line) is not var (status, milliseconds))
                continue;
            durations.Add(milliseconds);
            if (status >= 500)
                errors++;
        }
        if (durations.Count == 0)
            return TrafficSample.None;
        durations.Sort();
        // Nearest rank: the smallest duration at or above 99% of the requests.
        var p99 = durations[Math.Max(0, (int)Math.Ceiling(durations.Count * 0.99) - 1)];
        return new TrafficSample(durations.Count, errors, p99);
    }

    /// <summary>One access line's status and duration; null for any other line.</summary>
    public static (int Status, double Milliseconds)? Request(string line)
    {
        var start = line.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
            return null;
        try
        {
            using var json = JsonDocument.Parse(line.AsMemory(start));
            if (!json.RootElement.TryGetProperty("State", out var state) || state.ValueKind != JsonValueKind.Object
                || Number(state, AccessLine.Status) is not { } status || Number(state, AccessLine.DurationMs) is not { } duration || !state.TryGetProperty(AccessLine.Method, out _))
                return null;
            return ((int)status, duration);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Number(JsonElement state, string name) =>
        !state.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
