namespace Drydock.Deploy;

/// <summary>
/// How waiting for a container ended. <see cref="FirstAnswer"/> is when its health path first answered 2xx on the
/// published port (the end of a swap's gap), which can come before Docker reports it healthy.
/// </summary>
public sealed record HealthVerdict(bool Healthy, string Reason, TimeSpan Waited)
{
    public DateTimeOffset? FirstAnswer { get; init; }

    /// <summary>The container's last health check output, when it has a HEALTHCHECK.</summary>
    public string? HealthOutput { get; init; }
}
