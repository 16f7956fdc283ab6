namespace Drydock.Docker;

public enum RuntimeSource
{
    /// <summary>The shared runtime the SDK that builds the app carries.</summary>
    Sdk,

    /// <summary>The runtime packs of an older major, restored from the feed at the version the SDK picks.</summary>
    Packs,

    /// <summary>A self-contained or native AOT app brings its own runtime: the runtime-deps base alone.</summary>
    None,
}

/// <summary>What the project asks of the runtime, as its properties say (and <c>--framework</c>, <c>--self-contained</c>).</summary>
public sealed record RuntimeRequest(string Project, IReadOnlyList<string> TargetFrameworks)
{
    public string? Framework { get; init; }
    public string? RuntimeFrameworkVersion { get; init; }
    public string? RollForward { get; init; }
    public bool SelfContained { get; init; }
    public bool PublishAot { get; init; }
}

/// <summary>The runtime a release's base carries: the framework the app is published for and where its runtime comes from.</summary>
public sealed record AppRuntime(string Framework, int Major, RuntimeSource Source)
{
    /// <summary>The project's own <c>RuntimeFrameworkVersion</c>: the packs then come at that version, not the SDK's pick.</summary>
    public string? RuntimeFrameworkVersion { get; init; }

    public bool SelfContained => Source == RuntimeSource.None;
}
