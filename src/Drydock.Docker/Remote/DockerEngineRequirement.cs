using System.Globalization;

namespace Drydock.Docker;

/// <summary>The oldest engine a remote host may run: what Drydock's commands (and Debian bookworm's docker.io) need.</summary>
public static class DockerEngineRequirement
{
    public static Version Minimum { get; } = new(20, 10);

    /// <summary>The major.minor of an engine version such as <c>20.10.24+dfsg1</c> or <c>28.2.2</c>; null when unreadable.</summary>
    public static Version? MajorMinor(string engineVersion)
    {
        var parts = engineVersion.Split('.', 3);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
                ? new Version(major, minor)
                : null;
    }

    /// <summary>Null when the engine is new enough; otherwise the error that names the minimum and how to upgrade.</summary>
    public static string? Check(SshTarget target, string engineVersion) =>
        MajorMinor(engineVersion) is { } version && version >= Minimum
            ? null
            : $"The Docker engine on {target} is version {engineVersion}; Drydock needs {Minimum} or newer. Upgrade Docker on the host (sudo apt-get install docker.io from a current release, or https://docs.docker.com/engine/install/).";
}
