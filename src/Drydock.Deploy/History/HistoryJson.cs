using System.Text;
using System.Text.Json;

namespace Drydock.Deploy;

/// <summary>The history file's format: JSON lines, one <see cref="HistoryRecord"/> per line, oldest first.</summary>
public static class HistoryJson
{
    public static string Serialize(HistoryRecord record) => JsonSerializer.Serialize(record, DeployJson.Options);

    public static string Serialize(IEnumerable<HistoryRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
            text.Append(Serialize(record)).Append('\n');
        return text.ToString();
    }

    /// <summary>Every readable record; a damaged line (e.g. a write cut short) is reported in <paramref name="skipped"/>, not fatal.</summary>
    public static IReadOnlyList<HistoryRecord> Parse(string text, out int skipped)
    {
        var records = new List<HistoryRecord>();
        skipped = 0;
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (JsonSerializer.Deserialize<HistoryRecord>(line, DeployJson.Options) is { } record)
                    records.Add(record);
            }
            catch (JsonException)
            {
                skipped++;
            }
        }
        return records;
    }
}
