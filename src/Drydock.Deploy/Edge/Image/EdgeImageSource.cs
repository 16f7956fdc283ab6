using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Drydock.Deploy;

/// <summary>
/// Where the edge is built from (<c>src/Drydock.Edge</c> of a Drydock checkout) and a hash of everything that decides
/// what gets built: the project's files (not bin/obj), the versions of the packages it references, the shared language
/// rules (src/Directory.Build.props), the SDK pin and the base image. Same inputs, same hash, same tag: an edge image is built once per change to
/// the edge, and an unrelated change elsewhere in the repository never rebuilds it.
/// </summary>
public sealed record EdgeImageSource(string RepositoryRoot)
{
    public string ProjectDirectory => Path.Combine(RepositoryRoot, "src", "Drydock.Edge");

    public string ProjectFile => Path.Combine(ProjectDirectory, "Drydock.Edge.csproj");

    public string Dockerfile => Path.Combine(ProjectDirectory, "Dockerfile");

    /// <summary>The edge's <c>&lt;Version&gt;</c>, the readable half of its image tag.</summary>
    public string Version() =>
        XDocument.Load(ProjectFile).Descendants("Version").Select(v => v.Value.Trim()).FirstOrDefault(v => v.Length > 0) ?? "0.0.0";

    /// <summary>Twelve hex digits of SHA-256 over the inputs above, with line endings normalized (a Windows checkout hashes the same).</summary>
    public string ContentHash(string baseImage) => Digest($"base={baseImage}\n" + Inputs());

    /// <summary>The same over the sources alone, without the base image.</summary>
    public string SourceHash() => Digest(Inputs());

    private string Inputs()
    {
        if (!File.Exists(ProjectFile))
            throw new FileNotFoundException($"No edge project at {ProjectFile}: the edge image is built from a Drydock checkout.", ProjectFile);
        var text = new StringBuilder();
        foreach (var file in InputFiles())
            text.Append(file.Name).Append('=').Append(Hash(File.ReadAllText(file.Path))).Append('\n');
        foreach (var (package, version) in PackageVersions())
            text.Append("package ").Append(package).Append('=').Append(version).Append('\n');
        return text.ToString();
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private IEnumerable<(string Name, string Path)> InputFiles()
    {
        // The edge's own files and those of the projects it references (Drydock.Acme for certificates, and what that uses).
        var project = Projects().SelectMany(projectFile => Directory.EnumerateFiles(Path.GetDirectoryName(projectFile)!, "*", SearchOption.AllDirectories))
            .Select(path => (Name: Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/'), Path: path))
            .Where(file => !file.Name.Split('/').Any(part => part is "bin" or "obj"));
        // Drydock's language rules and package versions live in src/, scoped to its own projects: they decide the build too.
        var shared = new[] { "src/Directory.Build.props", "global.json" }
            .Select(name => (Name: name, Path: Path.Combine(RepositoryRoot, name)))
            .Where(file => File.Exists(file.Path));
        return project.Concat(shared).OrderBy(file => file.Name, StringComparer.Ordinal);
    }

    /// <summary>Only the central versions of packages the edge references: adding a package for another project changes nothing here.</summary>
    private IEnumerable<(string Package, string Version)> PackageVersions()
    {
        var referenced = Projects().SelectMany(projectFile => XDocument.Load(projectFile).Descendants("PackageReference"))
            .Select(p => (string?)p.Attribute("Include")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var central = Path.Combine(RepositoryRoot, "src", "Directory.Packages.props");
        if (!File.Exists(central))
            return [];
        return XDocument.Load(central).Descendants("PackageVersion")
            .Select(p => (Package: (string?)p.Attribute("Include") ?? "", Version: (string?)p.Attribute("Version") ?? ""))
            .Where(p => referenced.Contains(p.Package))
            .OrderBy(p => p.Package, StringComparer.Ordinal);
    }

    /// <summary>The edge's project file and, transitively, every project file it references.</summary>
    private IReadOnlyList<string> Projects()
    {
        var found = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(ProjectFile)]);
        while (pending.TryPop(out var projectFile))
        {
            if (found.Contains(projectFile) || !File.Exists(projectFile))
                continue;
            found.Add(projectFile);
            foreach (var reference in XDocument.Load(projectFile).Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include")).OfType<string>())
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectFile)!, reference.Replace('\\', '/'))));
        }
        return found;
    }

    private static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n"))));
}
