using System.Text.Json;

namespace Drydock.Deploy;

/// <summary>
/// Whether a deploy would recreate exactly what serves: the same digest and the same recorded configuration. Timeouts,
/// retention, verification (canary included) and the probe host govern a run, not the container, so they are left out. Secret values are never recorded,
/// so an environment with secrets is never called unchanged (a rotated secret must reach a new container).
/// </summary>
public static class NoChangeCheck
{
    /// <summary>Null when <paramref name="serving"/> is already <paramref name="spec"/>; otherwise what differs.</summary>
    public static string? Difference(RecordedRelease? serving, ReleaseSpec spec)
    {
        if (serving is null)
            return "nothing serves";
        if (serving.Spec.Digest != spec.Digest)
            return $"{serving.Spec.Version} ({HistoryTable.ShortDigest(serving.Spec.Digest)}) serves, not {HistoryTable.ShortDigest(spec.Digest)}";
        if (spec.Config.SecretEnv.Count > 0)
            return "the environment has secrets, whose values are never recorded";
        if (Canonical(serving.Spec.Config) != Canonical(spec.Config))
            return "the configuration changed";
        return null;
    }

    private static string Canonical(EnvironmentConfig config)
    {
        var defaults = new EnvironmentConfig();
        var normalized = config with
        {
            DeployTimeout = defaults.DeployTimeout,
            LockTimeout = defaults.LockTimeout,
            KeepReleases = defaults.KeepReleases,
            ProbeHost = defaults.ProbeHost,
            Verification = defaults.Verification,
            Smoke = defaults.Smoke,
            Canary = defaults.Canary,
            Env = new SortedDictionary<string, string>(config.Env.ToDictionary(), StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(normalized, DeployJson.Options);
    }
}
