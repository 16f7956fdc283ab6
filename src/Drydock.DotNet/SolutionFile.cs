using System.Xml.Linq;

namespace Drydock.DotNet;

/// <summary>Reads the projects of a .slnx solution, the one list of what the build compiles and tests.</summary>
public static class SolutionFile
{
    public static IReadOnlyList<string> Projects(string slnxPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(slnxPath))!;
        return XDocument.Load(slnxPath).Descendants("Project")
            .Select(p => (string?)p.Attribute("Path"))
            .OfType<string>()
            .Select(p => Path.GetFullPath(Path.Combine(directory, p)))
            .ToList();
    }
}
