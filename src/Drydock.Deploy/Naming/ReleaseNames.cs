using System.Security.Cryptography;
using System.Text;

namespace Drydock.Deploy;

/// <summary>
/// Every name Drydock gives on the engine, derived from app and environment (and version for containers), in docker's
/// name charset <c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>. Names are for people; what belongs to which environment is decided
/// by labels (<see cref="ReleaseLabels"/>), never by parsing names.
/// </summary>
public static class ReleaseNames
{
    public const string DataMountPath = "/data";

    public const string StateMountPath = "/state";

    public const string TmpMountPath = "/tmp";

    /// <summary><c>notes-local-1.2.3-a1b2c3</c>: the release id keeps a redeploy of one version from colliding with the retained one.</summary>
    public static string Container(string app, string environment, string version, string releaseId) =>
        $"{Sanitize(app)}-{Sanitize(environment)}-{Sanitize(version)}-{releaseId}";

    /// <summary>The container started beside the serving one on a temporary port, to be verified before the swap.</summary>
    public static string Candidate(string app, string environment, string version, string releaseId) =>
        Container(app, environment, version, releaseId) + "-candidate";

    /// <summary>A created, never started container: docker refuses a second one with this name, atomically.</summary>
    public static string Lock(string app, string environment) => $"drydock-lock-{Sanitize(app)}-{Sanitize(environment)}";

    /// <summary>A created, never started container that mounts the state volume, for <c>docker cp</c>.</summary>
    public static string StateHolder(string app, string environment) => $"drydock-state-{Sanitize(app)}-{Sanitize(environment)}";

    public static string DataVolume(string app, string environment) => $"drydock-{Sanitize(app)}-{Sanitize(environment)}-data";

    public static string StateVolume(string app, string environment) => $"drydock-{Sanitize(app)}-{Sanitize(environment)}-state";

    /// <summary>Six hex digits, enough to tell apart the releases of one version in one environment.</summary>
    public static string NewReleaseId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Lower case; anything outside <c>[a-z0-9_.-]</c> becomes '-', runs collapse, and it starts and ends with a letter or digit.</summary>
    public static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            var allowed = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-';
            var next = allowed ? c : '-';
            if (next == '-' && result.Length > 0 && result[^1] == '-')
                continue;
            result.Append(next);
        }
        var sanitized = result.ToString().Trim('-', '.', '_');
        return sanitized.Length > 0
            ? sanitized
            : throw new DeployException($"'{text}' leaves nothing to name a container with; use letters or digits.");
    }
}
