using System.Text.RegularExpressions;
using Drydock.Release;

namespace Drydock.Build.Setup;

/// <summary>A web project of the repository Setup adds Drydock to, with the health path it maps, if any.</summary>
/// <param name="RelativePath">From the repository root, with forward slashes.</param>
/// <param name="HealthPath">The path of its first <c>MapHealthChecks("…")</c>, or null when it maps none.</param>
public sealed record WebProject(string RelativePath, string? HealthPath);

/// <summary>What Setup needs to know about the target repository, read once before anything is decided.</summary>
/// <param name="ExistingFiles">Which of the files Setup would write already exist (relative, forward slashes).</param>
/// <param name="UnignoredOutputs">The <see cref="BuildOutputs"/> lines git does not ignore yet.</param>
public sealed partial record RepositorySnapshot(
    string Root,
    bool IsDirectory,
    IReadOnlyList<WebProject> WebProjects,
    IReadOnlySet<string> ExistingFiles,
    IReadOnlyList<string> UnignoredOutputs)
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", "node_modules", "artifacts"];

    /// <summary>The build's output folders as .gitignore lines, each with a path git is asked about.</summary>
    public static readonly (string Line, string Probe)[] BuildOutputs =
        [("bin/", "build/bin/x"), ("obj/", "build/obj/x"), ("artifacts/", "artifacts/x"), (".nuke/temp/", ".nuke/temp/x")];

    /// <summary>Whether git already ignores every one of the build's output folders.</summary>
    public bool IgnoredByGit => UnignoredOutputs.Count == 0;

    /// <summary>The repository's .gitignore as it is, or null when it has none.</summary>
    public string? GitIgnore { get; init; }

    /// <summary>Reads the repository at <paramref name="root"/>; <paramref name="candidates"/> are the files Setup may write.</summary>
    public static RepositorySnapshot Read(string root, IEnumerable<string> candidates, Func<string, bool> ignoredByGit)
    {
        if (!Directory.Exists(root))
            return new RepositorySnapshot(root, false, [], new HashSet<string>(), []);
        var projects = ProjectFiles(root)
            .Where(p => ProjectFile.NotAWebAppReason(p) is null)
            .Select(p => new WebProject(Relative(root, p), HealthPathOf(Path.GetDirectoryName(p)!)))
            .OrderBy(p => p.RelativePath, StringComparer.Ordinal)
            .ToList();
        var existing = candidates.Where(c => File.Exists(Path.Combine(root, c))).ToHashSet(StringComparer.Ordinal);
        var unignored = BuildOutputs.Where(o => !ignoredByGit(o.Probe)).Select(o => o.Line).ToList();
        var gitIgnore = Path.Combine(root, ".gitignore");
        return new RepositorySnapshot(root, true, projects, existing, unignored)
        {
            GitIgnore = File.Exists(gitIgnore) ? File.ReadAllText(gitIgnore) : null,
        };
    }

    /// <summary>The path of the first <c>MapHealthChecks("/…")</c> in the project's C# files, or null.</summary>
    public static string? HealthPathOf(string projectDirectory) =>
        Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !InSkippedFolder(projectDirectory, f))
            .Order(StringComparer.Ordinal)
            .Select(f => MapHealthChecks().Match(File.ReadAllText(f)))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .FirstOrDefault();

    private static IEnumerable<string> ProjectFiles(string root) =>
        Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !InSkippedFolder(root, p) && !Relative(root, p).StartsWith("build/", StringComparison.Ordinal));

    private static bool InSkippedFolder(string root, string path) =>
        Relative(root, path).Split('/').SkipLast(1).Any(part => Skipped.Contains(part));

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex(""""MapHealthChecks\(\s*"(?<path>/[^"]*)"""")]
    private static partial Regex MapHealthChecks();
}
