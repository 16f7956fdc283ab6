using Drydock.Docker;

namespace Drydock.Deploy;

/// <summary>An extra mount of an environment: <c>name:/path[:ro]</c> (a named volume) or <c>/host/path:/path[:ro]</c>.</summary>
public static class ExtraVolume
{
    /// <returns>null when valid, else what is wrong.</returns>
    public static string? TryParse(string text, out VolumeMount? mount)
    {
        mount = null;
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || !parts[1].StartsWith('/'))
            return $"volume '{text}' is not source:/path[:ro]";
        if (parts.Length == 3 && parts[2] is not ("ro" or "rw"))
            return $"volume '{text}': the mode must be ro or rw";
        mount = new VolumeMount(parts[0], parts[1], parts.Length == 3 && parts[2] == "ro");
        return null;
    }

    public static VolumeMount Parse(string text) =>
        TryParse(text, out var mount) is { } error ? throw new DeployException(error + ".") : mount!;
}
