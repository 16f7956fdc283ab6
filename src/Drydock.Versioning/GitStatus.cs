namespace Drydock.Versioning;

/// <summary>Reads 'git status --porcelain=v1 -z': NUL-separated, so any file name survives.</summary>
internal static class GitStatus
{
    public static readonly string[] Arguments = ["status", "--porcelain=v1", "-z", "--untracked-files=all"];

    /// <summary>The changed paths, untracked non-ignored files included, in git's order.</summary>
    public static IReadOnlyList<string> ChangedPaths(string porcelainOutput)
    {
        var paths = new List<string>();
        var entries = porcelainOutput.Split('\0');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4)
                continue;
            paths.Add(entry[3..]);
            // A rename or copy is followed by its source path as a separate entry.
            if (entry[0] is 'R' or 'C')
                i++;
        }

        return paths;
    }
}
