using System.Globalization;

namespace Drydock.Build.Lanes;

/// <summary>One test project in the queue: its path, its name, the short label its output lines carry, what it took last time.</summary>
public sealed record TestSuite(string Project, string Name, string Label, TimeSpan? LastDuration);

/// <summary>
/// How Test and IntegrationTest run their projects: <see cref="Lanes"/> at once, each lane taking the next project of
/// <see cref="Queue"/> when it is free. Longest first, so no long suite starts last while the other lanes sit idle.
/// Decided from what was read before anything runs: the projects and the durations of their last results.
/// </summary>
public sealed record TestLanePlan(int Lanes, IReadOnlyList<TestSuite> Queue)
{
    /// <summary>
    /// Projects without a known duration go first (a new or interrupted suite may be long; starting it early costs
    /// little), in the order of <paramref name="slowestFirst"/>, then the solution's; then the known ones, longest first.
    /// </summary>
    /// <param name="projects">Test project paths, in solution order.</param>
    /// <param name="suffix">Their common ending (".IntegrationTests"), left out of the labels.</param>
    /// <param name="lastDurations">By project name: how long its last run took (from its TRX file).</param>
    /// <param name="slowestFirst">Project names known to be slow, slowest first: the order when nothing was measured here.</param>
    public static TestLanePlan Decide(
        IReadOnlyList<string> projects, string suffix, int requestedLanes,
        IReadOnlyDictionary<string, TimeSpan> lastDurations, IReadOnlyList<string> slowestFirst)
    {
        if (requestedLanes < 1)
            throw new ArgumentOutOfRangeException(nameof(requestedLanes), requestedLanes,
                $"--test-lanes must be 1 or more (got {requestedLanes}): 1 runs the test projects one after the other, 2 runs two at once.");

        var names = projects.Select(p => Path.GetFileNameWithoutExtension(p)).ToList();
        var labels = Labels(names, suffix);
        var suites = projects.Select((project, i) =>
            new TestSuite(project, names[i], labels[i], lastDurations.TryGetValue(names[i], out var d) ? d : null)).ToList();

        var ranks = slowestFirst.Select((name, rank) => (name, rank)).GroupBy(r => r.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(r => r.rank), StringComparer.Ordinal);
        int Rank(TestSuite suite) => ranks.GetValueOrDefault(suite.Name, int.MaxValue);
        var unmeasured = suites.Where(s => s.LastDuration is null).OrderBy(Rank); // stable: solution order after the ranks
        var measured = suites.Where(s => s.LastDuration is not null).OrderByDescending(s => s.LastDuration);
        return new(Math.Max(1, Math.Min(requestedLanes, suites.Count)), [.. unmeasured, .. measured]);
    }

    /// <summary>What each echoed line of a suite starts with: nothing in one lane, else its padded label and a bar.</summary>
    public string OutputPrefix(TestSuite suite) =>
        Lanes == 1 ? string.Empty : suite.Label.PadRight(Queue.Max(s => s.Label.Length)) + " | ";

    /// <summary>"2 lanes; queue: Setup, Deploy (8:12), Remote (6:03)" — durations from the last run.</summary>
    public string Describe() =>
        $"{Lanes} lane{(Lanes == 1 ? "" : "s")}; queue: "
        + string.Join(", ", Queue.Select(s => s.LastDuration is { } d ? $"{s.Label} ({Minutes(d)})" : s.Label));

    /// <summary>"8:12", "74:05": whole minutes and seconds.</summary>
    public static string Minutes(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}:{duration.Seconds:00}");

    /// <summary>
    /// "Drydock.Deploy.IntegrationTests" → "Deploy": the suffix goes, and so does a first segment every name shares
    /// ("Drydock."), unless nothing would be left of a name ("Drydock.IntegrationTests" stays "Drydock").
    /// </summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<string> names, string suffix)
    {
        var stems = names.Select(n => n.EndsWith(suffix, StringComparison.Ordinal) && n.Length > suffix.Length ? n[..^suffix.Length] : n).ToList();
        var first = stems.Select(s => s.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        var shared = first.Count == 1 && stems.Count > 1 ? first[0] + "." : null;
        return stems.Select(s => shared is not null && s.StartsWith(shared, StringComparison.Ordinal) ? s[shared.Length..] : s).ToList();
    }
}
