namespace Drydock.Engine.Output;

/// <summary>Static access to the running build's log, for target bodies (like Serilog's Log in NUKE builds).</summary>
public static class Log
{
    private static IBuildLog _current = new ConsoleBuildLog(new SecretMasker(), Verbosity.Normal);

    public static IBuildLog Current
    {
        get => _current;
        internal set => _current = value;
    }

    public static void Debug(string message) => _current.Write(LogLevel.Debug, message);

    public static void Information(string message) => _current.Write(LogLevel.Information, message);

    public static void Warning(string message) => _current.Write(LogLevel.Warning, message);

    public static void Error(string message) => _current.Write(LogLevel.Error, message);
}
