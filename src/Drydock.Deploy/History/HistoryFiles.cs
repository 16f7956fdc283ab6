using System.Globalization;
using System.Security.Cryptography;

namespace Drydock.Deploy;

/// <summary>
/// How the history lies in the state volume: one file per record under <c>records/</c>, named so they sort by time
/// and never collide, beside the single <c>history.jsonl</c> older versions rewrote (read, never written or deleted).
/// A write adds a file and touches nothing else, so a cut-off copy costs at most the record being written.
/// </summary>
public static class HistoryFiles
{
    public const string LegacyFileName = "history.jsonl";
    public const string RecordsFolder = "records";

    /// <summary><c>&lt;utc-ticks&gt;-&lt;release-id&gt;-&lt;random&gt;.json</c>: ticks padded so names sort as times do.</summary>
    public static string RecordFileName(HistoryRecord record)
    {
        var id = new string((record.ReleaseId ?? "none").Where(char.IsAsciiLetterOrDigit).ToArray());
        var unique = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return $"{record.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{(id.Length > 0 ? id : "none")}-{unique}.json";
    }

    /// <summary>Every readable record of a copied-out state folder, oldest first; damaged ones counted in <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<HistoryRecord> Read(string stateDirectory, out int skipped)
    {
        var legacy = Path.Combine(stateDirectory, LegacyFileName);
        skipped = 0;
        var records = new List<HistoryRecord>();
        if (File.Exists(legacy))
        {
            records.AddRange(HistoryJson.Parse(File.ReadAllText(legacy), out var damagedLines));
            skipped += damagedLines;
        }
        var folder = Path.Combine(stateDirectory, RecordsFolder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        foreach (var file in files)
        {
            var parsed = HistoryJson.Parse(File.ReadAllText(file), out var damaged);
            records.AddRange(parsed);
            skipped += parsed.Count == 0 ? Math.Max(1, damaged) : damaged;
        }
        // Stable: records written in the same instant keep their order.
        return records.OrderBy(r => r.At).ToList();
    }
}
