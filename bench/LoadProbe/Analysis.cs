namespace LoadProbe;

/// <summary>
/// Turns the samples of one run into a <see cref="PhaseReport"/>. Windows: steady state is the requests that started
/// between 1 s after the load began (connections warm) and the command's start; during the switch is the requests that
/// started while the command ran. The longest gap is between consecutive successful responses over the whole run.
/// </summary>
public static class Analysis
{
    public static PhaseReport Analyze(ProbeOptions options, IReadOnlyList<Sample> samples, double commandStartMs, double commandEndMs, int exitCode)
    {
        var successes = samples.Where(s => s.Succeeded).Select(s => s.EndMs).Order().ToList();
        var longestGap = 0.0;
        for (var i = 1; i < successes.Count; i++)
            longestGap = Math.Max(longestGap, successes[i] - successes[i - 1]);

        var steadyFrom = Math.Min(1000, commandStartMs / 2);
        var expected = options.ExpectVersion is { } version
            ? samples.Where(s => s.Succeeded && s.Version == version && s.EndMs >= commandStartMs).Select(s => (double?)s.EndMs - commandStartMs).Min()
            : null;

        return new PhaseReport
        {
            Label = options.Label,
            Command = string.Join(' ', options.Command),
            CommandExitCode = exitCode,
            CommandWallMs = Round(commandEndMs - commandStartMs),
            Connections = options.Connections,
            Url = options.Url.ToString(),
            Requests = samples.Count,
            Failed = samples.Count(s => !s.Succeeded),
            FailedConnection = samples.Count(s => s.Status == 0),
            FailedStatus = samples.Count(s => s.Status != 0 && !s.Succeeded),
            LongestGapMs = Round(longestGap),
            Steady = Window(samples, steadyFrom, commandStartMs),
            DuringSwitch = Window(samples, commandStartMs, commandEndMs),
            VersionsBefore = Versions(samples.Where(s => s.EndMs < commandStartMs)),
            VersionsAfter = Versions(samples.Where(s => s.StartMs > commandEndMs)),
            ExpectVersion = options.ExpectVersion,
            ExpectedVersionAfterMs = expected is { } ms ? Round(ms) : null,
            FirstFailureMs = samples.Where(s => !s.Succeeded).Select(s => (double?)Round(s.StartMs - commandStartMs)).Min(),
            LastFailureMs = samples.Where(s => !s.Succeeded).Select(s => (double?)Round(s.StartMs - commandStartMs)).Max(),
            RequestsFirstToLastFailure = samples.Where(s => !s.Succeeded).Select(s => s.StartMs).DefaultIfEmpty().Min() is var first
                && samples.Where(s => !s.Succeeded).Select(s => s.StartMs).DefaultIfEmpty().Max() is var last
                && samples.Any(s => !s.Succeeded)
                    ? samples.Count(s => s.StartMs >= first && s.StartMs <= last) : 0,
            Errors = samples.Where(s => !s.Succeeded)
                .GroupBy(s => s.Error ?? $"HTTP {s.Status}")
                .ToDictionary(g => g.Key, g => (long)g.Count()),
        };
    }

    private static Percentiles Window(IReadOnlyList<Sample> samples, double fromMs, double toMs)
    {
        var latencies = samples.Where(s => s.Succeeded && s.StartMs >= fromMs && s.StartMs <= toMs).Select(s => s.LatencyMs).Order().ToList();
        return latencies.Count == 0
            ? new Percentiles(0, null, null, null)
            : new Percentiles(latencies.Count, Round(Percentile(latencies, 0.50)), Round(Percentile(latencies, 0.99)), Round(latencies[^1]));
    }

    // Nearest rank: the smallest latency with at least p of the samples at or below it.
    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static IReadOnlyDictionary<string, long> Versions(IEnumerable<Sample> samples) =>
        samples.Where(s => s.Succeeded).GroupBy(s => s.Version ?? "(none)").ToDictionary(g => g.Key, g => (long)g.Count());

    private static double Round(double value) => Math.Round(value, 1);
}
