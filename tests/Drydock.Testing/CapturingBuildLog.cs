using Drydock.Engine.Output;
using Xunit.Abstractions;

namespace Drydock.Testing;

/// <summary>
/// Keeps every line exactly as tools and Drydock wrote it (before any masking), so a test can prove a secret was
/// never written at all; and forwards lines to the test output when one is attached.
/// </summary>
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
