using System.Diagnostics;

namespace Drydock.Deploy;

/// <summary>
/// Streams <c>docker logs</c> line by line (both of the container's streams) to a sink, through the run's engine, until
/// the command ends or is cancelled (Ctrl-C while following). Only streaming: the arguments are
/// <see cref="DockerLogsSettings"/>, rendered and tested as data like every docker call.
/// </summary>
public static class LogStream
{
    public static async Task<int> RunAsync(DockerCli docker, DockerLogsSettings settings, Action<string> line, CancellationToken cancellationToken)
    {
        var command = docker.Command(settings);
        var start = new ProcessStartInfo(command.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        var gate = new object();
        async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } text)
                lock (gate)
                    line(text);
        }
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        await pumps;
        return process.ExitCode;
    }
}
