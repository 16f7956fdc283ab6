namespace Drydock.Engine.Parameters;

/// <summary>"Did you mean …?" for targets and parameters: the closest name by edit distance, if close enough to help.</summary>
public static class Suggestions
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var wanted = ParameterNames.Canonical(input);
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(wanted, ParameterNames.Canonical(c))))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        // Allow roughly one typo per three characters; beyond that a suggestion is noise.
        return best.Candidate is not null && best.Distance <= Math.Max(2, wanted.Length / 3) ? best.Candidate : null;
    }

    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } closest ? $" Did you mean '{closest}'?" : string.Empty;

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
