namespace Drydock.Deploy;

public enum ReleaseOutcome
{
    Succeeded,
    Failed,

    /// <summary>Switched to, then failed its verification window on real traffic: the edge went back to the previous release.</summary>
    Reverted,
}

/// <summary>
/// One deploy or rollback of an environment, as appended to its history: what (version, digest, commit), who,
/// when, how it ended and how long it took. The configuration is recorded too (secret names, never values), so a
/// rollback can recreate a release that is no longer retained.
/// </summary>
public sealed record HistoryRecord
{
    /// <summary>A succeeded record of one release (what the spec says, when/who/why from its stamp): what a finished run and a recovery both write.</summary>
    public static HistoryRecord Succeeded(ReleaseSpec spec, ReleaseStamp stamp) => new()
    {
        At = stamp.DeployedAt,
        Action = stamp.Action,
        Outcome = ReleaseOutcome.Succeeded,
        App = spec.App,
        Environment = spec.Environment,
        Version = spec.Version,
        Digest = spec.Digest,
        Repository = spec.Repository,
        Commit = spec.Commit,
        ReleaseId = stamp.ReleaseId,
        Who = stamp.DeployedBy,
        Config = spec.Config,
    };

    public required DateTimeOffset At { get; init; }

    public required ReleaseAction Action { get; init; }

    public required ReleaseOutcome Outcome { get; init; }

    public required string App { get; init; }

    public required string Environment { get; init; }

    public required string Version { get; init; }

    public required string Digest { get; init; }

    public required string Repository { get; init; }

    public string? Commit { get; init; }

    /// <summary>The container that served (or would have served) the release.</summary>
    public string? Container { get; init; }

    public string? ReleaseId { get; init; }

    public required string Who { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Time between the old container stopping and the new one answering on the real port.</summary>
    public double? SwapGapSeconds { get; init; }

    /// <summary>The version that was serving before.</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>Why it failed, or a note.</summary>
    public string? Message { get; init; }

    public EnvironmentConfig? Config { get; init; }

    public ReleaseSpec ToSpec() =>
        new(App, Environment, Repository, Digest, Version) { Commit = Commit, Config = Config ?? new EnvironmentConfig() };
}
