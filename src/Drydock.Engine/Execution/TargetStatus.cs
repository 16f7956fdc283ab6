namespace Drydock.Engine.Execution;

public enum TargetStatus
{
    NotRun,
    Skipped,
    Succeeded,
    Failed,
    Aborted,
}

/// <summary>What happened to one planned target; the summary table prints these.</summary>
public sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, string? Reason = null);
