namespace Drydock.Deploy;

public enum DriftKind
{
    /// <summary>The container runs another image than its release's digest.</summary>
    Image,

    /// <summary>Its configuration (environment, limits, hardening, ports, mounts) differs from what was recorded at deploy.</summary>
    Configuration,

    /// <summary>Its writable layer changed (<c>docker diff</c>) outside the tmpfs and volume mounts.</summary>
    Filesystem,

    /// <summary>What serves is not the last successful release in the history (replaced or started by hand).</summary>
    Release,
}

public sealed record DriftFinding(DriftKind Kind, string What, string Expected, string Actual)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}: {What}: expected {Expected}, found {Actual}";
}

/// <summary>Whether a container still matches its release; the caller exits non-zero when <see cref="HasDrift"/>.</summary>
public sealed record DriftReport(string Container, IReadOnlyList<DriftFinding> Findings)
{
    /// <summary>What the check can and cannot see, to say next to a clean report.</summary>
    public const string Coverage =
        "Checked: the image (container image id and reference vs the release's digest), the configuration (recorded " +
        "environment variables, memory/CPU/pids limits, restart policy, read-only root, dropped capabilities, " +
        "no-new-privileges, published port, mounts, user) and the writable layer (docker diff, outside the tmpfs and " +
        "volume mounts), and that the serving container is the last successful release in the history. Not visible: " +
        "files written into the tmpfs /tmp (memory only, invisible to docker diff and docker cp, gone on restart), " +
        "changes inside volumes (/data is the service's data by design), secret values (only their presence is " +
        "checked), and changes made in the process's memory.";

    public bool HasDrift => Findings.Count > 0;

    public string Describe() =>
        HasDrift
            ? $"{Container} has drifted from its release ({Findings.Count} finding(s)):\n" + string.Join('\n', Findings.Select(f => "  " + f))
            : $"{Container} matches its release.";
}
