using System.Xml.Linq;

namespace Drydock.DotNet;

/// <summary>The projects a project references, directly or not, read from the project files (no MSBuild evaluation).</summary>
public static class ProjectReferences
{
    /// <summary>The project and everything it references, each once, as full paths: the project first, then in the order found.</summary>
    public static IReadOnlyList<string> Closure(string projectPath)
    {
        var found = new List<string>();
        var queue = new Queue<string>([Path.GetFullPath(projectPath)]);
        while (queue.TryDequeue(out var project))
        {
            if (found.Contains(project))
                continue;
            if (!File.Exists(project))
                throw new FileNotFoundException($"{project} is referenced but does not exist.", project);
            found.Add(project);
            var directory = Path.GetDirectoryName(project)!;
            foreach (var include in XDocument.Load(project).Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include")).OfType<string>())
                queue.Enqueue(Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/'))));
        }
        return found;
    }
}
