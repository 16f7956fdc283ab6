namespace LoadProbe;

/// <summary>Issue 6's goals, checked against the phases by their labels.</summary>
public static class Goals
{
    public static IReadOnlyList<Goal> Evaluate(IReadOnlyList<PhaseReport> phases)
    {
        var goals = new List<Goal>();
        foreach (var label in new[] { "deploy", "rollback", "unhealthy-deploy" })
            if (phases.FirstOrDefault(p => p.Label == label) is { } phase)
                goals.Add(new Goal($"{label}: 0 failed requests", phase.Failed == 0, $"{phase.Failed} of {phase.Requests} failed"));
        if (phases.FirstOrDefault(p => p.Label == "unhealthy-deploy") is { } unhealthy)
            goals.Add(new Goal("unhealthy-deploy: the command fails and the old version keeps serving", unhealthy.CommandExitCode != 0 && unhealthy.VersionsAfter.Keys.SequenceEqual(unhealthy.VersionsBefore.Keys),
                $"exit {unhealthy.CommandExitCode}; served before {Versions(unhealthy.VersionsBefore)}, after {Versions(unhealthy.VersionsAfter)}"));
        if (phases.FirstOrDefault(p => p.Label == "rollback") is { } rollback)
            goals.Add(new Goal("rollback: the old version answers within 3 s of the command's start", rollback.ExpectedVersionAfterMs is <= 3000,
                rollback.ExpectedVersionAfterMs is { } ms ? $"{ms:0} ms" : "never"));
        if (phases.FirstOrDefault(p => p.Label == "noop-deploy") is { } noop)
            goals.Add(new Goal("noop-deploy: a repeated deploy finishes in under 5 s", noop.CommandWallMs < 5000 && noop.CommandExitCode == 0, $"{noop.CommandWallMs:0} ms, exit {noop.CommandExitCode}"));
        return goals;
    }

    private static string Versions(IReadOnlyDictionary<string, long> versions) =>
        versions.Count == 0 ? "nothing" : string.Join(", ", versions.Select(v => $"{v.Key} ×{v.Value}"));
}

public sealed record Goal(string Description, bool Met, string Measured);
