namespace Drydock.Engine.Tooling;

/// <summary>One process invocation, fully described before it runs, so code that decides what to run can be tested without running it.</summary>
public sealed record ToolCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public ToolCommand(string fileName, params string[] arguments) : this(fileName, (IReadOnlyList<string>)arguments) { }

    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables; a null value removes the variable for the child.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Text written to the child's stdin: the only way a secret may reach a tool.</summary>
    public string? StandardInput { get; init; }

    /// <summary>When false a non-zero exit is returned in the result instead of thrown.</summary>
    public bool ThrowOnError { get; init; } = true;

    /// <summary>When false the output is captured but not written to the log (for JSON queries).</summary>
    public bool EchoOutput { get; init; } = true;

    /// <summary>Put before each echoed line, e.g. <c>"Deploy | "</c>, so tools running side by side stay readable.</summary>
    public string OutputPrefix { get; init; } = string.Empty;

    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
