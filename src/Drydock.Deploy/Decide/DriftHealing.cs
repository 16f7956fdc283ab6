namespace Drydock.Deploy;

/// <summary>
/// Whether a deploy of the digest and configuration that already serve must still act: a serving container that
/// drifted from its release (another image, changed limits or environment, files changed in its writable layer, or not
/// the release the history last recorded) is no longer that release. It is replaced by a fresh container from the same
/// digest and configuration, health first like any deploy, and recorded as a redeploy.
/// </summary>
public static class DriftHealing
{
    /// <returns>What the deploy says before it redeploys; null when the serving container matches its release.</returns>
    public static string? Decide(DriftReport drift) =>
        drift.HasDrift
            ? $"{drift.Container} serves the requested digest and configuration but has drifted from its release "
              + $"({string.Join("; ", drift.Findings)}): redeploying it as a fresh container from the same digest and configuration, health first"
            : null;
}
