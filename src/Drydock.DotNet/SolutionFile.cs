using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Drydock.DotNet;

/// <summary>Reads the projects of a .slnx or .sln solution, the one list of what the build compiles and tests.</summary>
public static partial class SolutionFile
{
    public static IReadOnlyList<string> Projects(string solutionPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(solutionPath))!;
        var paths = solutionPath.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
            ? SlnProject().Matches(File.ReadAllText(solutionPath)).Select(m => m.Groups["path"].Value)
                .Where(p => p.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
            : XDocument.Load(solutionPath).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>();
        return paths.Select(p => Path.GetFullPath(Path.Combine(directory, p.Replace('\\', '/')))).ToList();
    }

    /// <summary>
    /// The solution at the root of a repository: its one .slnx or .sln (a .slnx wins over a .sln of the same name);
    /// null when there is none. Several: an error naming them, since only the team knows which one is the build's.
    /// </summary>
    public static string? AtRoot(string rootDirectory)
    {
        var found = Directory.EnumerateFiles(rootDirectory, "*.sln*").Where(f => f.EndsWith(".sln") || f.EndsWith(".slnx")).Order(StringComparer.Ordinal).ToList();
        var distinct = found.GroupBy(Path.GetFileNameWithoutExtension).Select(g => g.FirstOrDefault(f => f.EndsWith(".slnx")) ?? g.First()).ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => throw new InvalidOperationException(
                $"{rootDirectory} holds several solutions ({string.Join(", ", distinct.Select(Path.GetFileName))}): override Solution in build/Build.cs to name the build's."),
        };
    }

    [GeneratedRegex(""""^Project\("\{[^}]*\}"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]*)"""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
