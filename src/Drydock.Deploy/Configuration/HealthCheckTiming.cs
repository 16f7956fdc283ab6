namespace Drydock.Deploy;

/// <summary>Overrides of the image HEALTHCHECK's timings; the check itself stays the image's.</summary>
public sealed record HealthCheckTiming
{
    public TimeSpan? Interval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public TimeSpan? StartPeriod { get; init; }

    public int? Retries { get; init; }
}
