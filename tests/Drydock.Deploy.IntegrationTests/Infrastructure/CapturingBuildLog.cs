using Drydock.Engine.Output;

namespace Drydock.Deploy.IntegrationTests;

/// <summary>Keeps every line as written (before masking), so a test can prove a secret was never written; forwards to the test output.</summary>
public sealed class CapturingBuildLog(ITestOutputHelper? output = null) : IBuildLog
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToArray();
        }
    }

    public string Text => string.Join('\n', Lines);

    public void Write(LogLevel level, string message)
    {
        lock (_lines)
            _lines.Add(message);
        try
        {
            output?.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff} {level}] {message}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a late line from a background tool); nothing to attach it to.
        }
    }

    public void BeginGroup(string name) => Write(LogLevel.Information, $"── {name}");

    public void EndGroup() { }
}
