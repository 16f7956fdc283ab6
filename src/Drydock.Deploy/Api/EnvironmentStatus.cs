using System.Globalization;
using System.Text;

namespace Drydock.Deploy;

/// <summary>What serves an environment now, compared with what the history says should; on any platform (a swarm's own parts in <see cref="Swarm"/>).</summary>
public sealed record EnvironmentStatus(string App, string Environment)
{
    /// <summary>The serving release container; null when nothing runs.</summary>
    public ContainerState? Serving { get; init; }

    public RecordedRelease? ServingRelease { get; init; }

    public TimeSpan? Uptime { get; init; }

    public HistoryRecord? LastSucceeded { get; init; }

    /// <summary>Whether the serving container is the last successful release in the history (digest and container).</summary>
    public bool MatchesLastRelease { get; init; }

    /// <summary>Retained (stopped) releases, newest first: the fast rollback targets.</summary>
    public IReadOnlyList<RecordedRelease> Retained { get; init; } = [];

    public DriftReport? Drift { get; init; }

    /// <summary>Set while a deploy or rollback holds the environment's lock.</summary>
    public LockInfo? Lock { get; init; }

    /// <summary>Why <see cref="Lock"/> is stale (its holder is gone, or it is older than the lock timeout); null while it must be respected. The next deploy takes a stale lock over.</summary>
    public string? LockStale { get; init; }

    /// <summary>The environment's edge (container, health, route, generation); empty when it has none.</summary>
    public IReadOnlyList<string> Edge { get; init; } = [];

    /// <summary>A swarm environment's nodes, tasks and service drift; null on one engine.</summary>
    public SwarmStatus? Swarm { get; init; }

    public bool HasDrift => Drift is { HasDrift: true } || Swarm is { HasDrift: true };

    /// <summary>What a hand edit changed, for the error Status fails with; null without drift.</summary>
    public string? DriftProblem =>
        !HasDrift ? null
        : Swarm is { HasDrift: true } swarm ? $"{Environment}'s service was changed by hand ({string.Join("; ", swarm.Drift)})"
        : $"{Environment} has drifted from its release: it was changed by hand";

    public string Describe()
    {
        if (Swarm is { } swarm)
            return swarm.Describe(this);
        var text = new StringBuilder();
        if (Serving is null || ServingRelease is null)
        {
            text.AppendLine($"Nothing serves {Environment} of {App}.");
        }
        else
        {
            var spec = ServingRelease.Spec;
            var config = spec.Config;
            text.AppendLine($"{Environment} of {App}: {spec.Version} in {Serving.Name}");
            text.AppendLine($"  health   {Serving.HealthStatus ?? (Serving.Running ? "running (no HEALTHCHECK)" : Serving.Status)}");
            text.AppendLine($"  uptime   {FormatUptime(Uptime)} (since {Serving.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");
            text.AppendLine($"  image    {spec.ImageReference}");
            text.AppendLine($"  commit   {spec.Commit ?? "unknown"}");
            text.AppendLine(ReleasePlacement.IsBehindEdge(Serving.Labels)
                ? $"  port     {config.Bind}:{config.HostPort} (the edge) -> {Serving.Name}:{config.ContainerPort} on the environment's network"
                : $"  port     {config.Bind}:{config.HostPort} -> {config.ContainerPort}");
            text.AppendLine($"  deployed {ServingRelease.Stamp.DeployedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {ServingRelease.Stamp.DeployedBy} ({ServingRelease.Stamp.Action.ToString().ToLowerInvariant()})");
        }
        foreach (var line in Edge)
            text.AppendLine("  " + line);
        text.AppendLine(LastSucceeded is null
            ? "  history  no successful release recorded"
            : $"  history  last successful: {LastSucceeded.Version} at {LastSucceeded.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; serving {(MatchesLastRelease ? "matches it" : "does NOT match it")}");
        if (Retained.Count > 0)
            text.AppendLine($"  retained {string.Join(", ", Retained.Select(r => r.Spec.Version))}");
        if (Lock is not null)
            text.AppendLine($"  locked   by {Lock.Describe(DateTimeOffset.UtcNow)}"
                + (LockStale is null ? "" : $"; STALE: {LockStale} (the next deploy or rollback takes it over)"));
        if (Drift is not null)
            text.AppendLine("  drift    " + Drift.Describe().Replace("\n", "\n  "));
        return text.ToString().TrimEnd();
    }

    private static string FormatUptime(TimeSpan? uptime) =>
        uptime is not { } t ? "-"
        : t.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays}d {t.Hours}h")
        : t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h {t.Minutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m {t.Seconds}s");
}
