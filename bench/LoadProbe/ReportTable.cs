using System.Globalization;
using System.Text;

namespace LoadProbe;

/// <summary>The phases side by side, as plain text.</summary>
public static class ReportTable
{
    private static readonly string[] Headers =
        ["Phase", "Requests", "Failed", "Longest gap", "Steady p50/p99", "Switch p50/p99", "Command", "Exit", "Served after", "Target version after"];

    public static string Render(IReadOnlyList<PhaseReport> phases)
    {
        var rows = phases.Select(p => new[]
        {
            p.Label,
            p.Requests.ToString(CultureInfo.InvariantCulture),
            p.Failed == 0 ? "0" : $"{p.Failed} ({p.FailedConnection} conn, {p.FailedStatus} status)",
            Ms(p.LongestGapMs),
            Pair(p.Steady),
            Pair(p.DuringSwitch),
            Ms(p.CommandWallMs),
            p.CommandExitCode.ToString(CultureInfo.InvariantCulture),
            string.Join(",", p.VersionsAfter.Keys),
            p.ExpectVersion is null ? "–" : p.ExpectedVersionAfterMs is { } ms ? $"{p.ExpectVersion} in {Ms(ms)}" : $"{p.ExpectVersion} never",
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(Headers, widths));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            text.AppendLine(Line(row, widths));
        return text.ToString().TrimEnd();
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 0 or 8 or 9 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Pair(Percentiles p) => p.Count == 0 ? "–" : $"{Ms(p.P50Ms!.Value)}/{Ms(p.P99Ms!.Value)}";

    private static string Ms(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0.0} ms";
}
