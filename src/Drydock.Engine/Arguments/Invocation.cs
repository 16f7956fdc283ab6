using Drydock.Engine.Output;

namespace Drydock.Engine.Arguments;

/// <summary>What the command line asked for, before any of it is checked against the build.</summary>
public sealed record Invocation
{
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>null: no --skip; empty: --skip alone (skip every dependency); names: skip those.</summary>
    public IReadOnlyList<string>? Skip { get; init; }

    public bool Help { get; init; }
    public bool Plan { get; init; }
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;
    public string? Root { get; init; }
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>Raw values by canonical parameter name; converted to the declared types by the resolver.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
