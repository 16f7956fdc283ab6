namespace LoadProbe;

/// <summary>The zero-downtime goals (no failed request, a fast rollback and no-change deploy), checked against the phases by their labels.</summary>
public static class Goals
{
    public static IReadOnlyList<Goal> Evaluate(IReadOnlyList<PhaseReport> phases)
    {
        var goals = new List<Goal>();
        var rollbacks = phases.Where(p => p.Label == "rollback" || p.Label.StartsWith("rollback-", StringComparison.Ordinal)).ToList();
        foreach (var phase in phases.Where(p => p.Label is "deploy" or "unhealthy-deploy").Concat(rollbacks))
            goals.Add(new Goal($"{phase.Label}: 0 failed requests", phase.Failed == 0, $"{phase.Failed} of {phase.Requests} failed"));
        if (phases.FirstOrDefault(p => p.Label == "unhealthy-deploy") is { } unhealthy)
            goals.Add(new Goal("unhealthy-deploy: the command fails and the old version keeps serving", unhealthy.CommandExitCode != 0 && unhealthy.VersionsAfter.Keys.SequenceEqual(unhealthy.VersionsBefore.Keys),
                $"exit {unhealthy.CommandExitCode}; served before {Versions(unhealthy.VersionsBefore)}, after {Versions(unhealthy.VersionsAfter)}"));
        if (rollbacks.Count > 0)
        {
            // A run whose old version never answered counts as infinitely slow.
            var times = rollbacks.Select(p => p.ExpectedVersionAfterMs ?? double.PositiveInfinity).ToList();
            var median = Median(times);
            goals.Add(new Goal($"rollback: the old version answers within 3 s of the command's start (median of {times.Count})", median <= 3000,
                $"median {Ms(median)}; runs {string.Join(", ", times.Select(Ms))}"));
        }
        if (phases.FirstOrDefault(p => p.Label == "noop-deploy") is { } noop)
            goals.Add(new Goal("noop-deploy: a repeated deploy finishes in under 5 s", noop.CommandWallMs < 5000 && noop.CommandExitCode == 0, $"{noop.CommandWallMs:0} ms, exit {noop.CommandExitCode}"));
        return goals;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double ms) => double.IsPositiveInfinity(ms) ? "never" : $"{ms:0} ms";

    private static string Versions(IReadOnlyDictionary<string, long> versions) =>
        versions.Count == 0 ? "nothing" : string.Join(", ", versions.Select(v => $"{v.Key} ×{v.Value}"));
}

public sealed record Goal(string Description, bool Met, string Measured);
