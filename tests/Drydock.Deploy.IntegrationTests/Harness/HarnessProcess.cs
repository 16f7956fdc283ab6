using System.Diagnostics;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>Starts <see cref="HarnessProgram"/> as a child process (same dotnet, this assembly), its output to a file.</summary>
public sealed class HarnessProcess : IDisposable
{
    private HarnessProcess(Process process, string outputPath)
    {
        Process = process;
        OutputPath = outputPath;
    }

    public Process Process { get; }

    public string OutputPath { get; }

    public string Output => File.Exists(OutputPath) ? File.ReadAllText(OutputPath) : string.Empty;

    public static HarnessProcess StartDeploy(string requestPath, string outputPath, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = typeof(HarnessProgram).Assembly.Location;
        // bash redirects the output to a file, so nothing of the child depends on this process reading pipes; exec
        // replaces the shell, so the pid we kill is the deploy's own.
        // setsid: the deploy leads a process group of its own (the docker CLIs it starts included), which KillGroup kills
        // as a CI runner cancelling a job would; setsid does not fork here (the child is no group leader), so the pid stays.
        var start = new ProcessStartInfo("setsid", ["bash", "-c", $"exec \"$0\" \"$1\" deploy \"$2\" >\"$3\" 2>&1", Environment.ProcessPath!, assembly, requestPath, outputPath])
        {
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new HarnessProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the harness."), outputPath);
    }

    public void KillHard() => Process.Kill(entireProcessTree: false); // SIGKILL on Linux: no finally blocks, no cleanup.

    /// <summary>SIGKILL to the deploy's whole process group: the deploy and every docker CLI it runs at that moment.</summary>
    public void KillGroup()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + Process.Id]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            Process.Kill();
        Process.Dispose();
    }
}
