using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

/// <summary>Keeps the lines, so tests can look for warnings (and for secrets that must not be there).</summary>
internal sealed class RecordingBuildLog : IBuildLog
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToArray();
        }
    }

    public string Text => string.Join('\n', Lines.Select(l => l.Message));

    public void Write(LogLevel level, string message)
    {
        lock (_lines)
            _lines.Add((level, message));
    }

    public void BeginGroup(string name) { }

    public void EndGroup() { }
}
