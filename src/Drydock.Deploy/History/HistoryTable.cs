using System.Globalization;
using System.Text;

namespace Drydock.Deploy;

/// <summary>The history as a plain-text table, oldest first, for the History target.</summary>
public static class HistoryTable
{
    public static string Render(IReadOnlyList<HistoryRecord> records)
    {
        if (records.Count == 0)
            return "No deploys recorded.";
        string[] header = ["When (UTC)", "Action", "Outcome", "Version", "Digest", "Commit", "Who", "Duration", "Gap"];
        var rows = records.Select(r => new[]
        {
            r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.Action.ToString().ToLowerInvariant(),
            r.Outcome.ToString().ToLowerInvariant(),
            r.Version,
            ShortDigest(r.Digest),
            r.Commit is { Length: > 0 } c ? c[..Math.Min(12, c.Length)] : "-",
            r.Who,
            r.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
            r.SwapGapSeconds is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) + "s" : "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var (row, record) in rows.Zip(records))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            if (record.Message is { Length: > 0 } message)
                text.AppendLine("    " + message.Split('\n')[0]);
        }
        return text.ToString().TrimEnd();
    }

    public static string ShortDigest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] : digest;
}
