using Drydock.Docker;

namespace Drydock.Deploy;

public enum EdgeContainerAction
{
    /// <summary>Running, made from this spec: nothing to do (the common case of every deploy).</summary>
    Keep,

    /// <summary>Exists from this spec but is stopped: start it; it serves its saved route at once.</summary>
    Start,

    /// <summary>No edge yet: create it (it answers 503 until the first route is switched in).</summary>
    Create,

    /// <summary>
    /// Made from another spec (new edge image, port, bind or limits): remove and create it. The environment's port is
    /// closed for the second or so that takes; the route survives on the state volume. Only when asked for (an edge
    /// upgrade is a deliberate, announced interruption, as kamal-proxy's reboot is), or when the old edge is not running.
    /// </summary>
    Recreate,

    /// <summary>Running from another edge image only, and recreating was not allowed: it keeps serving; the caller warns.</summary>
    KeepOutdated,

    /// <summary>
    /// Running with other settings (port, bind address, limits, ACME) and recreating was not allowed: keeping it would
    /// silently ignore them (an exposure asked narrowed would stay wide), so the deploy stops with nothing changed.
    /// </summary>
    Refuse,
}

/// <summary>What to do about an edge container, per environment or host-wide, decided from <c>docker inspect</c> alone.</summary>
public static class EdgeContainerDecision
{
    /// <param name="allowRecreate">Whether a running edge made from another spec may be replaced now (a brief interruption of its ports).</param>
    public static (EdgeContainerAction Action, string Reason) Decide(ContainerState? existing, IEdgeContainerSpec spec, bool allowRecreate = false)
    {
        if (existing is null)
            return (EdgeContainerAction.Create, $"{spec.ContainerName} does not exist");
        var fingerprint = existing.Labels.GetValueOrDefault(EdgeLabels.Fingerprint);
        if (fingerprint != spec.Fingerprint())
        {
            var why = $"{spec.ContainerName} was made from other settings (fingerprint {fingerprint ?? "none"}, now {spec.Fingerprint()}; image {existing.ConfiguredImage} → {spec.Image})";
            if (!existing.Running || allowRecreate)
                return (EdgeContainerAction.Recreate, why);
            // An edge made before the settings label is judged by what docker inspect shows of its ports and settings.
            var changed = existing.Labels.GetValueOrDefault(EdgeLabels.SettingsFingerprint) is { } settings
                ? settings == spec.SettingsFingerprint() ? null : "its port, bind address, limits or ACME settings changed"
                : EdgeObservedSettings.Difference(existing, spec.ToRunSettings());
            return changed is null
                ? (EdgeContainerAction.KeepOutdated, $"{why}; {spec.OutdatedKeepsServing} (run with --recreate-edge to replace it now, a brief interruption of its ports)")
                : (EdgeContainerAction.Refuse, $"{spec.ContainerName} runs with other settings than this deploy asks for ({changed}) and keeps serving as it is. "
                    + "Replacing it closes its ports for about a second: run again with --recreate-edge to replace it now, or put the setting back. Nothing was changed.");
        }
        if (!existing.Running)
            return (EdgeContainerAction.Start, $"{spec.ContainerName} exists but is {existing.Status}");
        return (EdgeContainerAction.Keep, $"{spec.ContainerName} runs {existing.ConfiguredImage}");
    }
}
