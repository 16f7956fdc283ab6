namespace Drydock.Engine.Arguments;

/// <summary>The engine's own options, listed after the build's parameters in --help.</summary>
public sealed record EngineOption(string Name, string Value, string Description)
{
    public static readonly IReadOnlyList<EngineOption> All =
    [
        new("--target", "<names>", "Targets to run, same as naming them first (case-insensitive)."),
        new("--skip", "[names]", "Skip the named targets, or with no names every target that was not named."),
        new("--plan", "", "Write the execution graph to .nuke/temp/plan.html and print its path; runs nothing."),
        new("--help", "", "Show this help."),
        new("--verbosity", "<quiet|minimal|normal|verbose>", "How much output to show (default: normal)."),
        new("--root", "<dir>", "Repository root (default: the nearest folder above that has .nuke/)."),
        new("--profile", "<names>", "Also read .nuke/parameters.NAME.json, after .nuke/parameters.json."),
    ];
}
