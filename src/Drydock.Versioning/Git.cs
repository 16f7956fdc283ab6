using Drydock.Engine.Tooling;

namespace Drydock.Versioning;

/// <summary>Builds the git queries this library runs: quiet (their output is data, not log), judged by the caller.</summary>
internal static class Git
{
    public static ToolCommand Query(string workingDirectory, params string[] arguments) =>
        new ToolCommand("git", arguments)
        {
            WorkingDirectory = workingDirectory,
            ThrowOnError = false,
            EchoOutput = false,
            // A pager or a translated message would break parsing; optional locks would contend with an IDE's git.
            Environment = new Dictionary<string, string?>
            {
                ["GIT_PAGER"] = "cat",
                ["LC_ALL"] = "C",
                ["GIT_OPTIONAL_LOCKS"] = "0",
            },
        };

    /// <summary>Runs a query that must succeed; a failure is reported with git's own words.</summary>
    public static async Task<ToolResult> RunAsync(IToolRunner runner, ToolCommand command, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(command, cancellationToken);
        if (!result.Succeeded)
            throw new VersioningException(
                $"'{command}' failed in '{command.WorkingDirectory}' with exit code {result.ExitCode}: {FirstNonEmpty(result.Error, result.Output)}");
        return result;
    }

    private static string FirstNonEmpty(string a, string b) => string.IsNullOrWhiteSpace(a) ? b.Trim() : a.Trim();
}
