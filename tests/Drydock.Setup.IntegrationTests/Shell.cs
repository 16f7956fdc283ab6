using System.Diagnostics;

namespace Drydock.Setup.IntegrationTests;

/// <summary>Runs a command as a person would type it, its output into the test's output; a failure says what ran and what it printed.</summary>
public static class Shell
{
    public static string Run(ITestOutputHelper? output, string workingDirectory, string file, params string[] args) =>
        Run(output, workingDirectory, file, args, expectSuccess: true).Output;

    public static (int ExitCode, string Output) Run(ITestOutputHelper? output, string workingDirectory, string file, string[] args, bool expectSuccess)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The child is a build of its own: none of the outer build's parameters or CI markers leak into it.
        foreach (var name in new[] { "PROJECT", "ENVIRONMENT", "HOST_PORT", "IMAGE_NAME", "HEALTH_PATH", "ALLOW_DIRTY" })
            start.Environment[name] = start.Environment["DRYDOCK_" + name] = null;
        start.Environment["GITHUB_ACTIONS"] = null;
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        void Add(string? line)
        {
            if (line is null)
                return;
            lock (lines)
                lines.Add(line);
            try { output?.WriteLine(line); } catch (InvalidOperationException) { } // the test already ended
        }
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 20 minutes.");
        }
        process.WaitForExit();
        var text = string.Join('\n', lines);
        if (expectSuccess && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
        return (process.ExitCode, text);
    }

    public static void Git(string repository, params string[] args) =>
        Run(null, repository, "git", ["-c", "user.name=Drydock Test", "-c", "user.email=test@drydock.invalid", .. args]);
}
