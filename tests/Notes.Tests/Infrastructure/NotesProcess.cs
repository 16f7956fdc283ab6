using System.Diagnostics;

namespace Notes.Tests.Infrastructure;

/// <summary>Runs the built service as its own process, the way a container runs it.</summary>
public static class NotesProcess
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

    public static async Task<Outcome> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment, double timeoutSeconds = 20)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Outcome(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
