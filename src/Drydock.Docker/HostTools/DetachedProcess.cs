using Drydock.Engine.Tooling;

namespace Drydock.Docker;

/// <summary>
/// Starts a long-running daemon (dockerd, a registry) that outlives the build: in its own session, stdin from
/// /dev/null and output appended to a log file, so no pipe of ours stays open and a Ctrl-C of the build
/// does not reach it. Goes through the tool runner like every other process.
/// </summary>
public static class DetachedProcess
{
    // $1 is the log file, the rest is the command; nothing is interpolated into the script, so no quoting issues.
    private const string Script =
        """
        log="$1"; shift
        if command -v setsid >/dev/null 2>&1; then
          setsid "$@" >>"$log" 2>&1 </dev/null &
        else
          nohup "$@" >>"$log" 2>&1 </dev/null &
        fi
        echo $!
        """;

    public static ToolCommand StartCommand(string logPath, string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null) =>
        new("sh", ["-c", Script, "drydock-detach", logPath, fileName, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            EchoOutput = false,
        };

    /// <summary>Starts the process and returns its id.</summary>
    public static async Task<int> StartAsync(
        IToolRunner runner, string logPath, string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var result = await runner.RunAsync(StartCommand(logPath, fileName, arguments, workingDirectory), cancellationToken);
        return int.TryParse(result.StandardOutput.LastOrDefault()?.Trim(), out var processId)
            ? processId
            : throw new InvalidOperationException($"Started '{fileName}' but could not read its process id from '{result.Output}'.");
    }

    /// <summary>Asks a process we started to stop (SIGTERM).</summary>
    public static Task StopAsync(IToolRunner runner, int processId, CancellationToken cancellationToken = default) =>
        runner.RunAsync(new ToolCommand("kill", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)) { ThrowOnError = false }, cancellationToken);

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string logPath, int lines = 15) =>
        File.Exists(logPath)
            ? string.Join('\n', File.ReadLines(logPath).TakeLast(lines))
            : $"(no log at {logPath})";
}
