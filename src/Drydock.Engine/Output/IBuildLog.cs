namespace Drydock.Engine.Output;

/// <summary>Where every line of build output goes; implementations mask secrets before anything is written.</summary>
public interface IBuildLog
{
    void Write(LogLevel level, string message);

    void BeginGroup(string name);

    void EndGroup();
}
