namespace Drydock.Engine.Tooling;

public sealed record ToolResult(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join('\n', StandardOutput);

    public string Error => string.Join('\n', StandardError);
}
