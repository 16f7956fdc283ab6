namespace LoadProbe;

/// <summary>The numbers of one measured command under load. Times in milliseconds; latencies of successful requests only.</summary>
public sealed record PhaseReport
{
    public required string Label { get; init; }
    public required string Command { get; init; }
    public required int CommandExitCode { get; init; }
    public required double CommandWallMs { get; init; }
    public required int Connections { get; init; }
    public required string Url { get; init; }
    public required long Requests { get; init; }
    public required long Failed { get; init; }
    public required long FailedConnection { get; init; }
    public required long FailedStatus { get; init; }
    public required double LongestGapMs { get; init; }
    public required Percentiles Steady { get; init; }
    public required Percentiles DuringSwitch { get; init; }
    public required IReadOnlyDictionary<string, long> VersionsBefore { get; init; }
    public required IReadOnlyDictionary<string, long> VersionsAfter { get; init; }
    public string? ExpectVersion { get; init; }

    /// <summary>From the command's start until the first 2xx response reporting <see cref="ExpectVersion"/>; null when none came.</summary>
    public double? ExpectedVersionAfterMs { get; init; }

    /// <summary>From the command's start until the first and the last failed request began; null without failures.</summary>
    public double? FirstFailureMs { get; init; }

    public double? LastFailureMs { get; init; }

    /// <summary>Requests that began from the first failed one to the last (both included): the traffic of the span failures came from (a canary's share).</summary>
    public long RequestsFirstToLastFailure { get; init; }

    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();
}

/// <param name="Count">Successful requests in the window.</param>
public sealed record Percentiles(long Count, double? P50Ms, double? P99Ms, double? MaxMs);
