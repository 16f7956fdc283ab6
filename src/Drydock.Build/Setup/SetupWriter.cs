using Drydock.Engine.Planning;

namespace Drydock.Build.Setup;

/// <summary>
/// Writes a Setup plan into the repository, all or nothing: never through a link that leads out of it (a folder
/// linked to a home directory would otherwise receive the files), and never over a file that appeared since the plan
/// was made (each new file is created exclusively, so a concurrent write wins and is kept).
/// </summary>
public static class SetupWriter
{
    public static void Write(string root, IReadOnlyList<PlannedFile> files)
    {
        var realRoot = RealPath(root);
        var escapes = files.Select(f => (f.Path, Real: RealPath(Path.Combine(root, f.Path))))
            .Where(f => !Inside(realRoot, f.Real)).ToList();
        if (escapes.Count > 0)
            throw new PlanningException(
                $"Nothing was written: {string.Join(", ", escapes.Select(e => $"{e.Path} would be written to {e.Real}"))}, outside {realRoot}, through a symbolic link. " +
                "Replace the link with a folder of the repository, and run Setup again.");

        var created = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var path = Path.Combine(root, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var stream = new FileStream(path, file.Replaces ? FileMode.Truncate : FileMode.CreateNew, FileAccess.Write);
                if (!file.Replaces)
                    created.Add(path);
                using var writer = new StreamWriter(stream);
                writer.Write(file.Content);
            }
        }
        catch (IOException e)
        {
            foreach (var path in created)
                File.Delete(path);
            var clash = files.FirstOrDefault(f => !f.Replaces && !created.Contains(Path.Combine(root, f.Path)) && File.Exists(Path.Combine(root, f.Path)));
            throw new PlanningException(clash is null
                ? $"Nothing was written: {e.Message}"
                : $"Nothing was written: {clash.Path} appeared while Setup ran, and Setup never overwrites a file. Move it aside (or merge it by hand afterwards) and run Setup again.");
        }
    }

    private static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved (links are followed to 40 levels, as the kernel does).</summary>
    private static string RealPath(string path, int depth = 0)
    {
        if (depth > 40)
            throw new PlanningException($"Nothing was written: {path} leads through too many symbolic links.");
        var full = Path.GetFullPath(path);
        var result = Path.GetPathRoot(full)!;
        foreach (var part in full[result.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(result, part);
            result = new FileInfo(next).LinkTarget is { } target ? RealPath(Path.GetFullPath(target, result), depth + 1) : next;
        }
        return result;
    }
}
