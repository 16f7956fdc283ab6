using Drydock.Engine.Tooling;

namespace Drydock.Testing.Builds;

/// <summary>
/// A team's repository for tests that run <c>./build.sh</c> as CI does: a clone of this checkout's HEAD on main, plus
/// a commit with the test's own files (environments, parameters), under a run's root folder. Fresh clones of it are
/// what CI jobs check out. Commit before running: the clones are of HEAD, so working changes are not in them.
/// </summary>
public sealed class SourceRepository
{
    private readonly IToolRunner _runner;

    private SourceRepository(IToolRunner runner, string root)
    {
        _runner = runner;
        Root = root;
    }

    public string Root { get; }

    public string Path => System.IO.Path.Combine(Root, "source");

    /// <summary>Clones HEAD into <c>root/source</c>, on main.</summary>
    public static async Task<SourceRepository> CreateAsync(IToolRunner runner, string root)
    {
        Directory.CreateDirectory(root);
        var source = new SourceRepository(runner, root);
        await source.GitAsync(root, "clone", "-q", RepositoryRoot.Path, source.Path);
        // On main, as a team's repository is: GitVersion has no base version for a feature branch cloned on its own.
        await source.GitAsync(source.Path, "checkout", "-q", "-B", "main");
        return source;
    }

    /// <summary>Writes <paramref name="files"/> (paths relative to the repository) into the source and commits them: the team's own settings.</summary>
    public async Task CommitFilesAsync(IReadOnlyDictionary<string, string> files, string message)
    {
        foreach (var (relative, content) in files)
            await File.WriteAllTextAsync(System.IO.Path.Combine(Path, relative), content);
        await GitAsync(Path, "add", "-A");
        await GitAsync(Path, "commit", "-q", "-m", message);
    }

    /// <summary>A fresh clone of the source, as a new CI job checks it out.</summary>
    public async Task<string> CloneAsync(string name)
    {
        var clone = System.IO.Path.Combine(Root, name);
        await GitAsync(Root, "clone", "-q", Path, clone);
        return clone;
    }

    /// <summary>
    /// A fresh clone whose build project comes built, as a CI cache of build/bin restores it: <paramref name="built"/>'s
    /// build/bin copied in. Only from a clone at the same tree, so the copy is what this clone would compile; build.sh's
    /// stamp (root-relative paths, its time after this checkout) then finds it up to date. For tests that do not prove
    /// a cold compile: the one from a clean clone uses <see cref="CloneAsync"/>.
    /// </summary>
    public async Task<string> CloneBuiltLikeAsync(string name, string built)
    {
        var from = System.IO.Path.Combine(built, "build", "bin");
        if (!File.Exists(System.IO.Path.Combine(from, BootstrapStamp)))
            throw new InvalidOperationException($"{built} has no built build project ({BootstrapStamp} is missing): run ./build.sh there first, or use CloneAsync.");
        var clone = await CloneAsync(name);
        var (tree, builtTree) = (await TreeAsync(clone), await TreeAsync(built));
        if (tree != builtTree)
            throw new InvalidOperationException($"{built} is at tree {builtTree}, {clone} at {tree}: its build project is not this clone's. Copy from a clone of the same commit.");
        var to = System.IO.Path.Combine(clone, "build", "bin");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !NotCopied.Contains(System.IO.Path.GetFileName(f))))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The stamp's time says when this clone's build became current: now, after its checkout.
        File.SetLastWriteTimeUtc(System.IO.Path.Combine(to, BootstrapStamp), DateTime.UtcNow);
        return clone;
    }

    private const string BootstrapStamp = ".bootstrap-stamp";

    // The lock and the log are the other clone's runs'; build.ps1's stamp is not touched here, so it goes too.
    private static readonly HashSet<string> NotCopied = [".bootstrap-lock", ".bootstrap.log", ".bootstrap-stamp-ps1", ".bootstrap-stamp.new"];

    private async Task<string> TreeAsync(string clone) =>
        (await _runner.RunAsync(new ToolCommand("git", "rev-parse", "HEAD^{tree}") { WorkingDirectory = clone, EchoOutput = false })).Output.Trim();

    /// <summary>A new commit on a clone (a new version by GitVersion).</summary>
    public Task CommitAsync(string clone, string message) => GitAsync(clone, "commit", "-q", "--allow-empty", "-m", message);

    /// <summary>
    /// Removes what the run's builds left on the runner: the images whose references contain <paramref name="runId"/>
    /// (the run's image names), then the root folder with the source and every clone.
    /// </summary>
    public async Task RemoveAsync(string runId)
    {
        var images = await _runner.RunAsync(new ToolCommand("sh", "-c", "docker images --format '{{.Repository}}:{{.Tag}}' | grep -F \"$1\" || true", "sh", runId) { EchoOutput = false, ThrowOnError = false });
        var references = images.StandardOutput.Where(l => l.Contains(runId, StringComparison.Ordinal)).ToList();
        if (references.Count > 0)
            await _runner.RunAsync(new ToolCommand("docker", ["image", "rm", "-f", .. references]) { EchoOutput = false, ThrowOnError = false });
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    private Task GitAsync(string directory, params string[] args) =>
        _runner.RunAsync(new ToolCommand("git", ["-c", "user.name=Drydock Test", "-c", "user.email=test@drydock.invalid", .. args]) { WorkingDirectory = directory, EchoOutput = false });
}
