using System.Diagnostics;

namespace Drydock.Versioning.Tests.Infrastructure;

/// <summary>
/// A throwaway git repository for one test, with the repository's real GitVersion.yml committed in it.
/// Git runs with fixed identities and dates and without user or system config, so commits (and shas) are
/// the same on every machine.
/// </summary>
public sealed class TempGitRepository : IDisposable
{
    public const string CommitDate = "2025-01-31T09:15:00+02:00";
    public const string CommitDateUtc = "2025-01-31T07:15:00Z";

    private TempGitRepository(string path) => Path = path;

    public string Path { get; }

    /// <summary>A repository on 'main' whose first commit holds GitVersion.yml.</summary>
    public static TempGitRepository Create()
    {
        var repository = Empty();
        File.Copy(RepositoryFiles.GitVersionConfig, System.IO.Path.Combine(repository.Path, "GitVersion.yml"));
        repository.Git("add", "GitVersion.yml");
        repository.Git("commit", "-m", "Add GitVersion.yml");
        return repository;
    }

    public static TempGitRepository Empty()
    {
        var repository = new TempGitRepository(Directory.CreateTempSubdirectory("drydock-versioning-").FullName);
        repository.Git("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    /// <summary>Writes a file and commits it.</summary>
    public void Commit(string message, string file = "file.txt", string? content = null)
    {
        Write(file, content ?? message);
        Git("add", "--all");
        Git("commit", "-m", message);
    }

    public void Write(string file, string content)
    {
        var path = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Git(params string[] arguments) => Run(Path, arguments);

    public static string Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Trim();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["GIT_AUTHOR_NAME"] = "Drydock Tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@drydock.invalid",
        ["GIT_COMMITTER_NAME"] = "Drydock Tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@drydock.invalid",
        ["GIT_AUTHOR_DATE"] = CommitDate,
        ["GIT_COMMITTER_DATE"] = CommitDate,
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["LC_ALL"] = "C",
    };
}
