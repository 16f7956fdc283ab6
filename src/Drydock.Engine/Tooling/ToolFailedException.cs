namespace Drydock.Engine.Tooling;

public sealed class ToolFailedException(ToolCommand command, ToolResult result, string message) : Exception(message)
{
    public ToolCommand Command { get; } = command;

    public ToolResult Result { get; } = result;
}
