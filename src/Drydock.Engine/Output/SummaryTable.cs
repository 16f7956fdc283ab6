using System.Text;
using Drydock.Engine.Execution;

namespace Drydock.Engine.Output;

/// <summary>The table at the end of every build: what ran, what did not and why, how long it took.</summary>
public static class SummaryTable
{
    public static string Render(IReadOnlyList<TargetOutcome> outcomes, TimeSpan total)
    {
        var rows = outcomes.Select(o => (o.Name, Status: StatusText(o), Duration: o.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(o.Duration) : "–")).ToList();
        var nameWidth = Math.Max("Target".Length, rows.Max(r => r.Name.Length)) + 3;
        var statusWidth = Math.Min(70, Math.Max("Status".Length, rows.Max(r => r.Status.Length))) + 3;
        var rule = new string('─', nameWidth + statusWidth + 8);
        var text = new StringBuilder();
        text.AppendLine(new string('═', rule.Length));
        text.AppendLine($"{"Target".PadRight(nameWidth)}{"Status".PadRight(statusWidth)}{"Duration",8}");
        text.AppendLine(rule);
        foreach (var row in rows)
            text.AppendLine($"{row.Name.PadRight(nameWidth)}{Clip(row.Status, statusWidth - 3).PadRight(statusWidth)}{row.Duration,8}");
        text.AppendLine(rule);
        text.AppendLine($"{"Total".PadRight(nameWidth + statusWidth)}{Format(total),8}");
        text.AppendLine(new string('═', rule.Length));
        var failed = Failed(outcomes);
        text.Append(failed
            ? $"Build failed on {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC."
            : $"Build succeeded on {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC.");
        return text.ToString();
    }

    public static bool Failed(IReadOnlyList<TargetOutcome> outcomes) =>
        outcomes.Any(o => o.Status is TargetStatus.Failed or TargetStatus.Aborted);

    private static string StatusText(TargetOutcome o) => o.Reason is null ? o.Status.ToString() : $"{o.Status} ({o.Reason})";

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
