using System.Xml.Linq;

namespace Drydock.Release;

/// <summary>What the release chain needs to know about the shipped project without asking MSBuild (which costs seconds).</summary>
public static class ProjectFile
{
    public static void EnsureExists(string projectPath)
    {
        if (!File.Exists(projectPath))
            throw new FileNotFoundException($"--project {projectPath} does not exist. Pass the .csproj of the ASP.NET Core service to ship, e.g. --project src/Notes/Notes.csproj.", projectPath);
        if (!projectPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--project {projectPath} is not a .csproj file.");
    }

    /// <summary>The apphost's name: the AssemblyName property if the project sets one, else the file name.</summary>
    public static string AssemblyName(string projectPath) =>
        XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0 && !v.Contains("$("))
        ?? Path.GetFileNameWithoutExtension(projectPath);

    /// <summary>The project's own Dockerfile, or null when Drydock must generate one.</summary>
    public static string? OwnDockerfile(string projectPath) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "Dockerfile") is var path && File.Exists(path) ? path : null;
}
