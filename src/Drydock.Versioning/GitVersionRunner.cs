using System.Globalization;
using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>
/// Runs the real GitVersion CLI on a checked repository and returns its variables. GitVersion reads the
/// GitVersion.yml at the repository root; on a build server it also names a detached HEAD's branch from the
/// server's variables, so the child inherits the environment as it is.
/// </summary>
public sealed class GitVersionRunner(IToolRunner runner, GitVersionLocator? locator = null)
{
    // What GitVersion calls the branch of a detached HEAD it could not attribute to any branch.
    private const string NoBranch = "(no branch)";
    private const int ErrorTailLines = 15;

    private readonly GitVersionLocator _locator = locator ?? new GitVersionLocator();

    public async Task<GitVersionResult> RunAsync(GitRepository repository, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(Command(repository.Root), cancellationToken);
        if (!result.Succeeded)
            throw new VersioningException(
                $"GitVersion failed on '{repository.Root}' (exit code {result.ExitCode}):\n{ErrorTail(result)}");

        var version = GitVersionJson.Parse(result.Output);
        if (version.BranchName == NoBranch && version.IsPreRelease)
            throw new VersioningException(
                $"HEAD is detached at {version.ShortSha} and GitVersion could not tell which branch that commit belongs to, "
                + $"so it would version it '{version.SemVer}', which names no branch. {CheckoutAdvice.DetachedHead}");

        return version with { CommitDate = await CommitDateAsync(repository.Root, version.Sha, cancellationToken) };
    }

    /// <summary>
    /// The command line: /nofetch because the clone was checked to hold the full history and a fetch would need
    /// credentials; /nocache because a cached answer does not notice a changed build-server branch variable.
    /// </summary>
    internal ToolCommand Command(string repositoryRoot) =>
        new(DotnetHost(), _locator.Locate(), repositoryRoot, "/output", "json", "/nofetch", "/nocache")
        {
            WorkingDirectory = repositoryRoot,
            ThrowOnError = false,
            EchoOutput = false,
            // The CLI targets one .NET major; let it run on a newer runtime when that is all the machine has.
            Environment = new Dictionary<string, string?> { ["DOTNET_ROLL_FORWARD"] = "Major" },
        };

    private async Task<DateTimeOffset> CommitDateAsync(string root, string sha, CancellationToken cancellationToken)
    {
        var date = await Git.RunAsync(runner, Git.Query(root, "show", "--no-patch", "--format=%ct", sha), cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(date.Output.Trim(), CultureInfo.InvariantCulture));
    }

    // The dotnet that runs this build, so the CLI runs on a runtime this machine has; 'dotnet' on PATH otherwise.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // GitVersion logs to stdout and ends a failure with a stack trace: keep the messages, drop the frames.
    private static string ErrorTail(ToolResult result)
    {
        var lines = result.StandardOutput.Concat(result.StandardError)
            .Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.Trim().Length > 0)
            .ToList();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - ErrorTailLines)));
    }
}
