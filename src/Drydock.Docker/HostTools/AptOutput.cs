namespace Drydock.Docker;

/// <summary>Reads apt's RFC 822 style stanzas.</summary>
public static class AptOutput
{
    /// <summary>Package → Version from <c>apt-cache show</c> or <c>dpkg-deb -f</c> output; the first stanza of a package wins.</summary>
    public static IReadOnlyDictionary<string, string> ParseVersions(IEnumerable<string> lines)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        string? package = null;
        foreach (var line in lines)
        {
            if (line.Length == 0)
                package = null;
            else if (line.StartsWith("Package: ", StringComparison.Ordinal))
                package = line["Package: ".Length..].Trim();
            else if (line.StartsWith("Version: ", StringComparison.Ordinal) && package is not null)
                versions.TryAdd(package, line["Version: ".Length..].Trim());
        }
        return versions;
    }
}
