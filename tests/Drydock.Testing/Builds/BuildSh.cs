using System.Diagnostics;
using Xunit.Abstractions;

namespace Drydock.Testing.Builds;

/// <summary>
/// <c>./build.sh</c> of a clone as CI runs it: in a process group of its own (so a test can kill -9 the whole build
/// and nothing else), with only the SSH agent and known hosts CI would give, none of the outer run's parameters.
/// Its output goes to the test's output and is kept for assertions.
/// </summary>
public sealed class BuildSh : IDisposable
{
    // Parameters of the outer build (or of a developer's shell) that must not leak into the clone's build.
    private static readonly string[] Parameters =
        ["PROJECT", "ENVIRONMENT", "HOST", "HOST_PORT", "IMAGE_NAME", "HEALTH_PATH", "ALLOW_DIRTY", "REGISTRY", "REGISTRY_USERNAME", "REGISTRY_PASSWORD", "STRATEGY", "BIND"];

    // Each parameter by its name and by the unprefixed one it still reads (with a warning).
    private static readonly string[] Cleared =
        [.. Parameters, .. Parameters.Select(p => "DRYDOCK_" + p), "GITHUB_ACTIONS", "DOCKER_HOST", "DOCKER_CONTEXT", "SSH_KNOWN_HOSTS", "SSH_AUTH_SOCK"];

    private readonly List<string> _lines = [];
    private readonly ITestOutputHelper? _output;

    private BuildSh(Process process, ITestOutputHelper? output, string command)
    {
        Process = process;
        _output = output;
        Command = command;
    }

    public Process Process { get; }

    public string Command { get; }

    /// <summary>The build's process group: its own, made by setsid.</summary>
    public int ProcessGroup => Process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    public static BuildSh Start(string clone, IReadOnlyDictionary<string, string> environment, ITestOutputHelper? output, params string[] args)
    {
        // setsid execs in place (the child is not a group leader), so the pid is the group's id.
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = clone, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(clone, "build.sh"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in Cleared)
            start.Environment[name] = null;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var build = new BuildSh(Process.Start(start)!, output, "./build.sh " + string.Join(' ', args));
        build.Process.OutputDataReceived += (_, e) => build.Add(e.Data);
        build.Process.ErrorDataReceived += (_, e) => build.Add(e.Data);
        build.Process.BeginOutputReadLine();
        build.Process.BeginErrorReadLine();
        return build;
    }

    /// <summary>Runs to the end; throws with the output when it fails and <paramref name="expectSuccess"/>.</summary>
    public static async Task<BuildSh> RunAsync(string clone, IReadOnlyDictionary<string, string> environment, ITestOutputHelper? output, bool expectSuccess, params string[] args)
    {
        var build = Start(clone, environment, output, args);
        var exitCode = await build.WaitAsync(TimeSpan.FromMinutes(15));
        if (expectSuccess && exitCode != 0)
            throw new InvalidOperationException($"{build.Command} exited with {exitCode}:\n{build.Output}");
        return build;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillGroup();
            throw new TimeoutException($"{Command} did not finish in {timeout.TotalMinutes:F0} minutes:\n{Output}");
        }
        Process.WaitForExit(); // the output readers drain
        return Process.ExitCode;
    }

    /// <summary>Returns once a line of the output contains the text (or the build ended).</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return true;
            if (Process.HasExited)
                return Output.Contains(text, StringComparison.Ordinal);
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>kill -9 of the build's whole process group: what a CI runner does to a cancelled job.</summary>
    public void KillGroup()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-9", "--", $"-{ProcessGroup}"])!;
        kill.WaitForExit();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add(line);
        try { _output?.WriteLine(line); } catch (InvalidOperationException) { } // the test already ended
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            KillGroup();
        Process.Dispose();
    }
}
