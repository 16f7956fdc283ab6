using System.Xml.Linq;
using Drydock.Testing;

namespace Drydock.Build.Tests;

/// <summary>
/// A user's repository builds the edge image from the sources the Drydock.Build package carries, so every project the
/// edge references (transitively) has to travel in the package; a new reference that is not packed breaks only
/// outside this repository, where no unit test would otherwise see it.
/// </summary>
public sealed class EdgeSourcePackageTests
{
    [Fact]
    public void The_build_package_carries_every_project_the_edge_builds_from_each_under_its_own_folder()
    {
        var src = Path.Combine(RepositoryRoot.Path, "src");
        var packed = XDocument.Load(Path.Combine(src, "Drydock.Build", "Drydock.Build.csproj")).Descendants("None")
            .Where(n => (string?)n.Attribute("Pack") == "true")
            .ToDictionary(n => (string)n.Attribute("Include")!, n => (string?)n.Attribute("PackagePath"));

        foreach (var project in EdgeProjects(src))
        {
            Assert.True(packed.TryGetValue($"../{project}/**", out var path), $"Drydock.Build.csproj does not pack ../{project}/**, which the edge builds from.");
            // NuGet appends each file's folder under a path that ends in '/'; %(RecursiveDir) there would double it.
            Assert.Equal($"edge/src/{project}/", path);
        }
    }

    private static IEnumerable<string> EdgeProjects(string src)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(["Drydock.Edge"]);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project)) continue;
            var csproj = XDocument.Load(Path.Combine(src, project, project + ".csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference"))
                pending.Push(Path.GetFileNameWithoutExtension(((string)reference.Attribute("Include")!).Replace('\\', '/')));
        }
        return seen;
    }
}
