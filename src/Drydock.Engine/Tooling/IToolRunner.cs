namespace Drydock.Engine.Tooling;

/// <summary>Runs processes. The only seam unit tests fake; integration tests use the real one.</summary>
public interface IToolRunner
{
    Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default);
}
