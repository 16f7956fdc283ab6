using System.Text.Json;

namespace Drydock.DotNet;

/// <summary>The properties of a project that say which .NET runtime its app runs on, as MSBuild evaluates them.</summary>
public sealed record ProjectRuntimeProperties(IReadOnlyList<string> TargetFrameworks)
{
    public static readonly IReadOnlyList<string> Names =
        ["TargetFramework", "TargetFrameworks", "RuntimeFrameworkVersion", "RollForward", "SelfContained", "PublishAot", "InvariantGlobalization"];

    public string? RuntimeFrameworkVersion { get; init; }
    public string? RollForward { get; init; }
    public bool SelfContained { get; init; }
    public bool PublishAot { get; init; }
    public bool InvariantGlobalization { get; init; }

    /// <summary>One evaluation, every property at once: <c>dotnet msbuild App.csproj -getProperty:…</c>.</summary>
    public static Drydock.Engine.Tooling.ToolCommand Command(string project) =>
        DotNetCommands.Msbuild([project, "-nologo", .. Names.Select(name => $"-getProperty:{name}")]);

    /// <summary>Reads the JSON <c>-getProperty</c> prints for several names; <c>TargetFrameworks</c> wins over <c>TargetFramework</c>.</summary>
    public static ProjectRuntimeProperties Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var properties = document.RootElement.GetProperty("Properties");
        string? Get(string name) => properties.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text.Trim() : null;
        bool Flag(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);
        var frameworks = (Get("TargetFrameworks") ?? Get("TargetFramework") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(frameworks)
        {
            RuntimeFrameworkVersion = Get("RuntimeFrameworkVersion"),
            RollForward = Get("RollForward"),
            SelfContained = Flag("SelfContained"),
            PublishAot = Flag("PublishAot"),
            InvariantGlobalization = Flag("InvariantGlobalization"),
        };
    }
}
