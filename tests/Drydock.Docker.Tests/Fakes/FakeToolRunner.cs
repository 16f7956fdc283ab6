using Drydock.Engine.Tooling;

namespace Drydock.Docker.Tests;

/// <summary>Records every command and answers from canned handlers, matched in the order they were added; unmatched commands succeed silently.</summary>
internal sealed class FakeToolRunner : IToolRunner
{
    private readonly List<(Func<ToolCommand, bool> Matches, Func<ToolCommand, ToolResult> Answer)> _handlers = [];

    public List<ToolCommand> Commands { get; } = [];

    public FakeToolRunner On(Func<ToolCommand, bool> matches, Func<ToolCommand, ToolResult> answer)
    {
        _handlers.Add((matches, answer));
        return this;
    }

    /// <summary>Answers commands whose arguments start with the given ones (after the executable).</summary>
    public FakeToolRunner On(string[] argumentPrefix, int exitCode = 0, string stdout = "", string stderr = "") =>
        On(argumentPrefix, _ => Result(exitCode, stdout, stderr));

    public FakeToolRunner On(string[] argumentPrefix, Func<ToolCommand, ToolResult> answer) =>
        On(command => command.Arguments.Take(argumentPrefix.Length).SequenceEqual(argumentPrefix), answer);

    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        var handler = _handlers.FirstOrDefault(h => h.Matches(command));
        var result = handler.Answer?.Invoke(command) ?? Result(0, string.Empty, string.Empty);
        if (!result.Succeeded && command.ThrowOnError)
            throw new ToolFailedException(command, result, $"{command.FileName} exited with {result.ExitCode}");
        return Task.FromResult(result);
    }

    public static ToolResult Result(int exitCode, string stdout, string stderr = "") =>
        new(exitCode, Lines(stdout), Lines(stderr));

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
