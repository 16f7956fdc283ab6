using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>
/// Identifies the content of a dirty working tree: the git tree id a commit of everything (tracked changes and
/// untracked non-ignored files) would get. That is a hash of exactly the bytes git would store, so the same
/// changes give the same id on any machine and any other change gives another one, unlike a hash of
/// 'git diff' text, which varies with diff settings (prefixes, colours, renames, external drivers).
/// The repository is left untouched: git works on a copy of the index and writes its objects to a temporary
/// object directory, reading the repository's own objects as an alternate.
/// </summary>
internal static class WorkingTreeFingerprint
{
    public static async Task<string> ComputeAsync(IToolRunner runner, string root, CancellationToken cancellationToken)
    {
        var paths = await Git.RunAsync(runner,
            Git.Query(root, "rev-parse", "--path-format=absolute", "--git-path", "index", "--git-path", "objects"), cancellationToken);
        var (index, objects) = (paths.StandardOutput[0].Trim(), paths.StandardOutput[1].Trim());

        var scratch = Directory.CreateTempSubdirectory("drydock-worktree-");
        try
        {
            var scratchIndex = Path.Combine(scratch.FullName, "index");
            // git refuses to open a repository whose object directory does not exist.
            var scratchObjects = Directory.CreateDirectory(Path.Combine(scratch.FullName, "objects")).FullName;
            var isolated = new Dictionary<string, string?>
            {
                ["GIT_INDEX_FILE"] = scratchIndex,
                ["GIT_OBJECT_DIRECTORY"] = scratchObjects,
                ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = AlternatePath(objects),
                ["GIT_OPTIONAL_LOCKS"] = "0",
                ["LC_ALL"] = "C",
            };

            // The real index's stat cache spares git re-hashing unchanged files; without one, start from HEAD.
            if (File.Exists(index))
                File.Copy(index, scratchIndex);
            else
                await Git.RunAsync(runner, Git.Query(root, "read-tree", "HEAD") with { Environment = isolated }, cancellationToken);

            await Git.RunAsync(runner, Git.Query(root, "add", "--all") with { Environment = isolated }, cancellationToken);
            var tree = await Git.RunAsync(runner, Git.Query(root, "write-tree") with { Environment = isolated }, cancellationToken);
            return tree.Output.Trim();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    // The variable is ':'-separated; git reads an entry that starts with '"' as a C-quoted path.
    private static string AlternatePath(string path) =>
        path.Contains(':') || path.StartsWith('"')
            ? "\"" + path.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : path;
}
