namespace Drydock.Engine.Output;

/// <summary>
/// Console output: one block per target, grouped with ::group:: on GitHub Actions, colours only on a terminal.
/// Tool stderr arrives here as Information, because docker and dotnet write progress there.
/// </summary>
/// <param name="gitHubActions">Whether to write GitHub Actions workflow commands; by default, when GITHUB_ACTIONS=true.</param>
public sealed class ConsoleBuildLog(SecretMasker masker, Verbosity verbosity, TextWriter? output = null, bool? gitHubActions = null) : IBuildLog
{
    private readonly TextWriter _out = output ?? Console.Out;
    private readonly object _gate = new();
    private readonly bool _gitHubActions = gitHubActions ?? Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";
    private readonly bool _colors = output is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public void Write(LogLevel level, string message)
    {
        if (!Shows(level))
            return;
        var masked = masker.Apply(message);
        lock (_gate)
        {
            foreach (var line in masked.Split('\n'))
                _out.WriteLine(Decorate(level, line.TrimEnd('\r')));
        }
    }

    public void BeginGroup(string name)
    {
        if (verbosity == Verbosity.Quiet)
            return;
        lock (_gate)
        {
            if (_gitHubActions)
                _out.WriteLine($"::group::{name}");
            else
                _out.WriteLine(Paint($"\n── {name} {new string('─', Math.Max(3, 60 - name.Length))}", "\u001b[1;36m"));
        }
    }

    public void EndGroup()
    {
        if (_gitHubActions && verbosity != Verbosity.Quiet)
            lock (_gate)
                _out.WriteLine("::endgroup::");
    }

    private bool Shows(LogLevel level) => verbosity switch
    {
        Verbosity.Quiet => level >= LogLevel.Error,
        Verbosity.Minimal => level >= LogLevel.Warning,
        Verbosity.Normal => level >= LogLevel.Information,
        _ => true,
    };

    private string Decorate(LogLevel level, string line) => level switch
    {
        LogLevel.Error when _gitHubActions => $"::error::{line}",
        LogLevel.Warning when _gitHubActions => $"::warning::{line}",
        LogLevel.Error => Paint("error: " + line, "\u001b[31m"),
        LogLevel.Warning => Paint("warning: " + line, "\u001b[33m"),
        LogLevel.Debug => Paint(line, "\u001b[2m"),
        _ => line,
    };

    private string Paint(string text, string color) => _colors ? color + text + "\u001b[0m" : text;
}
