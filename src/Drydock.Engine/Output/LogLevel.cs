namespace Drydock.Engine.Output;

public enum LogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>How much the console shows; chosen with --verbosity.</summary>
public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}
