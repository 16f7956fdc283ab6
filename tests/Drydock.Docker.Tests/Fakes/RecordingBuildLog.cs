using Drydock.Engine.Output;

namespace Drydock.Docker.Tests;

internal sealed class RecordingBuildLog : IBuildLog
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

    public void Write(LogLevel level, string message)
    {
        lock (_lines)
            _lines.Add(message);
    }

    public void BeginGroup(string name) { }

    public void EndGroup() { }
}
