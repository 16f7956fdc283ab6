using CliWrap;
using Drydock.Engine.Output;

namespace Drydock.Engine.Tooling;

/// <summary>
/// Runs tools with CliWrap. Refuses any argument that carries a secret (secrets go through stdin or env files),
/// streams output to the log as it arrives, and on cancellation interrupts the child before killing it.
/// </summary>
public sealed class ProcessToolRunner(IBuildLog log, SecretMasker masker) : IToolRunner
{
    private const int ErrorTailLines = 20;

    public async Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
    {
        if (command.Arguments.Any(masker.Contains) || masker.Contains(command.FileName))
            throw new InvalidOperationException(
                $"Refusing to run '{command.FileName}': a secret would appear on its command line, where any process on the machine can read it. Pass it through standard input or an environment file.");

        log.Write(LogLevel.Debug, command.OutputPrefix + "> " + command);
        var stdout = new List<string>();
        var stderr = new List<string>();
        var cli = Cli.Wrap(command.FileName)
            .WithArguments(command.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(command.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Collect(stdout, line, command)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Collect(stderr, line, command)));
        if (command.WorkingDirectory is not null)
            cli = cli.WithWorkingDirectory(command.WorkingDirectory);
        if (command.StandardInput is not null)
            cli = cli.WithStandardInputPipe(PipeSource.FromString(command.StandardInput));

        // Graceful first (SIGINT, like a Ctrl-C in a terminal), forceful five seconds later.
        using var forceful = new CancellationTokenSource();
        await using var escalate = cancellationToken.Register(() => forceful.CancelAfter(TimeSpan.FromSeconds(5)));
        CommandResult result;
        try
        {
            result = await cli.ExecuteAsync(forceful.Token, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Like a shell: a tool that cannot be started exits 127, which callers that tolerate failure can inspect.
            var message = $"Could not start '{command.FileName}': {e.Message}. Is it installed and on PATH?";
            var missing = new ToolResult(127, [], [message]);
            return command.ThrowOnError ? throw new ToolFailedException(command, missing, message) : missing;
        }

        var toolResult = new ToolResult(result.ExitCode, stdout, stderr);
        if (!toolResult.Succeeded && command.ThrowOnError)
            throw new ToolFailedException(command, toolResult, Describe(command, toolResult));
        return toolResult;
    }

    private void Collect(List<string> sink, string line, ToolCommand command)
    {
        lock (sink)
            sink.Add(line);
        // Tool stderr is mostly progress (docker, dotnet): shown as ordinary output, judged by the exit code.
        if (command.EchoOutput)
            log.Write(LogLevel.Information, command.OutputPrefix + line);
    }

    private static string Describe(ToolCommand command, ToolResult result)
    {
        var tail = result.StandardError.Count > 0 ? result.StandardError : result.StandardOutput;
        var lines = tail.Skip(Math.Max(0, tail.Count - ErrorTailLines));
        return $"'{command.FileName} {command.Arguments.FirstOrDefault()}' exited with code {result.ExitCode}."
            + (tail.Count > 0 ? "\n" + string.Join('\n', lines) : string.Empty);
    }
}
