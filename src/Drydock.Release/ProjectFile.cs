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

    /// <summary>
    /// Why the project cannot ship as a service, or null when it can: only an ASP.NET Core app (the Web SDK) that
    /// builds an executable answers HTTP in a container. Read from the file, so it is refused before anything runs.
    /// </summary>
    public static string? NotAWebAppReason(string projectPath)
    {
        var document = XDocument.Load(projectPath);
        var root = document.Root!;
        string?[] sdks =
        [
            root.Attribute("Sdk")?.Value,
            .. root.Elements("Sdk").Select(e => e.Attribute("Name")?.Value),
            .. root.Elements("Import").Select(e => e.Attribute("Sdk")?.Value),
        ];
        var name = Path.GetFileName(projectPath);
        if (!sdks.Any(sdk => sdk is not null && sdk.Split(';').Any(s => s.Trim().StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))))
            return $"{name} is not an ASP.NET Core app (its SDK is {sdks.FirstOrDefault(s => s is not null) ?? "none"}, not Microsoft.NET.Sdk.Web), "
                + "so its image would have nothing to run or serve. Pass --project with the .csproj of a web service (<Project Sdk=\"Microsoft.NET.Sdk.Web\">).";
        var outputType = document.Descendants("OutputType").Select(e => e.Value.Trim()).LastOrDefault();
        if (outputType is not null && !outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase))
            return $"{name} builds a {outputType}, not an executable, so its image would have nothing to run. "
                + "Remove <OutputType> (the Web SDK builds an Exe) or pass --project with the service's .csproj.";
        return null;
    }

    /// <summary>Throws with <see cref="NotAWebAppReason"/> when the project cannot ship.</summary>
    public static void EnsureShippable(string projectPath)
    {
        EnsureExists(projectPath);
        if (NotAWebAppReason(projectPath) is { } reason)
            throw new InvalidOperationException(reason + " Nothing was published or pushed.");
    }

    /// <summary>The apphost's name: the AssemblyName property if the project sets one, else the file name.</summary>
    public static string AssemblyName(string projectPath) =>
        XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0 && !v.Contains("$("))
        ?? Path.GetFileNameWithoutExtension(projectPath);

    /// <summary>The project's own Dockerfile, or null when Drydock must generate one.</summary>
    public static string? OwnDockerfile(string projectPath) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "Dockerfile") is var path && File.Exists(path) ? path : null;
}
