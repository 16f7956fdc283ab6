using System.Security.Cryptography;
using System.Text;

namespace Drydock.Deploy;

/// <summary>
/// The one name sanitiser (docker's name charset <c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>), the release id, and the mount paths
/// every release shares. The names an environment gives on the engine are <see cref="EnvironmentId"/>'s.
/// </summary>
public static class ReleaseNames
{
    public const string DataMountPath = "/data";

    public const string StateMountPath = "/state";

    public const string TmpMountPath = "/tmp";

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
