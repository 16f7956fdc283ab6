namespace Drydock.Docker;

/// <summary>
/// Health-check overrides for <c>docker run</c>. Beware: docker wraps <c>--health-cmd</c> in <c>CMD-SHELL</c>,
/// so it needs <c>/bin/sh</c> in the image; for shell-less images declare <c>HEALTHCHECK CMD ["exec", "form"]</c>
/// in the Dockerfile and override only the timings here.
/// </summary>
public sealed record ContainerHealthCheck
{
    public string? Command { get; init; }

    public TimeSpan? Interval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int? Retries { get; init; }

    public TimeSpan? StartPeriod { get; init; }

    /// <summary>Disables any HEALTHCHECK the image declares.</summary>
    public bool Disabled { get; init; }

    internal void AppendTo(ArgumentList arguments) =>
        arguments
            .Option("--health-cmd", Command)
            .Option("--health-interval", Interval)
            .Option("--health-timeout", Timeout)
            .Option("--health-retries", Retries)
            .Option("--health-start-period", StartPeriod)
            .Flag("--no-healthcheck", Disabled);
}
