using System.Text.RegularExpressions;

namespace Drydock.Testing.Builds;

/// <summary>The rows of <c>./build.sh History</c>'s table (see HistoryTable): action, outcome and version.</summary>
public static partial class HistoryRows
{
    public static IReadOnlyList<(string Action, string Outcome, string Version)> Parse(string output) =>
        Row().Matches(output).Select(m => (m.Groups["action"].Value, m.Groups["outcome"].Value, m.Groups["version"].Value)).ToList();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+(?<action>[a-z]+)\s+(?<outcome>[a-z]+)\s+(?<version>\S+)\s+sha256:")]
    private static partial Regex Row();
}
