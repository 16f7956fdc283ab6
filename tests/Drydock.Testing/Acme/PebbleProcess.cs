using System.Diagnostics;
using System.Text;

namespace Drydock.Testing.Acme;

/// <summary>A child process a test suite started; stopped by its own pid only, its output kept for failure messages.</summary>
public sealed class PebbleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PebbleProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static PebbleProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var path = Resolve(executable);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var started = new PebbleProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>The binary from PATH; missing is a failure with the fix (never a skip: CI installs it).</summary>
    private static string Resolve(string executable)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            $"'{executable}' is not installed, so the ACME integration tests cannot run. Fix: run .ci/start-services.sh as root (it runs apt-get install pebble, which ships pebble and pebble-challtestsrv).");
    }
}
